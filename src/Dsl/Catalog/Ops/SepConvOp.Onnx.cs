using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class SepConvOp
{
    public override bool HasOnnxLowering => true;

    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var channels = c.InputShape.Channels;
        var depthwise = ConvOp.Conv(c, c.Input, c.InputShape, channels, channels, "depthwise.weight", null);
        var filters = c.Args.Int("filters");
        var inputs = new List<string> { depthwise, c.Weight("pointwise.weight", filters, channels, 1, 1) };
        if (c.Args.Bool("bias")) inputs.Add(c.Weight("pointwise.bias", filters));
        return OnnxOpContext.One(c.Node("Conv", inputs, OnnxAttribute.Of("kernel_shape", new long[] { 1, 1 })));
    }
}
