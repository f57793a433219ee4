using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class ChannelShuffleOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>[N, g, C/g, H, W], its two channel axes swapped, back to [N, C, H, W] (nn.ChannelShuffle).</summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var groups = c.Args.Int("groups");
        var s = c.InputShape;
        var grouped = c.Node("Reshape", new[] { c.Input, c.Graph.Int64s(new[] { 0, groups, s.Channels / groups, s.Height, s.Width }) });
        var swapped = c.Node("Transpose", new[] { grouped }, OnnxAttribute.Of("perm", new long[] { 0, 2, 1, 3, 4 }));
        return OnnxOpContext.One(c.Node("Reshape", new[] { swapped, c.Graph.Int64s(new[] { 0, s.Channels, s.Height, s.Width }) }));
    }
}
