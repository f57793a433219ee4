using NetDsl;

namespace NetDsl.Examples.Attributes;

/// <summary>A stage of ResNet-20: a basic block that may downsample, then <c>blocks - 1</c> more (<c>Basic(f) * (blocks - 1)</c>).</summary>
[Block, Parameter("f"), Parameter("stride"), Parameter("blocks", 3)]
public partial class Stage
{
    [Call(typeof(Basic), "f", "stride"), Call(typeof(Basic), "f", Repeat = "blocks - 1")]
    partial void Blocks();
}
