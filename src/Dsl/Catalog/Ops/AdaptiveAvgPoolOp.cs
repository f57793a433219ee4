using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>adaptive_avgpool(height, width: height)</c> — nn.AdaptiveAvgPool2d.</summary>
public sealed partial class AdaptiveAvgPoolOp : OpDefinition
{
    public override string Name => "adaptive_avgpool";

    public override string Summary => "average pooling to a fixed height x width whatever the input size (nn.AdaptiveAvgPool2d)";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { new ArgSpec("height", ArgType.Int), new ArgSpec("width", ArgType.Int, DefaultFrom: "height") };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.AdaptivePool2d(input, a.Int("height"), a.Int("width"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.AdaptivePool2d({c.Input}, {c["height"]}, {c["width"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"nn.AdaptiveAvgPool2d(({c["height"]}, {c["width"]}))";
}
