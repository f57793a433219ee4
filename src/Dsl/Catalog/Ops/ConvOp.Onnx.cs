using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class ConvOp
{
    public override bool HasOnnxLowering => true;

    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c) =>
        OnnxOpContext.One(Conv(c, c.Input, c.InputShape, c.Args.Int("filters"), c.Args.Int("groups"), "weight", c.Args.Bool("bias") ? "bias" : null));

    /// <summary>
    /// An ONNX Conv with the layer's weight (and bias) under <paramref name="weightKey"/> below its path; same and valid
    /// padding resolved for this input as the generated module resolves them (TensorFlow's rule, the extra row at the end).
    /// </summary>
    internal static string Conv(OnnxOpContext c, string input, Shape inputShape, long filters, long groups, string weightKey, string? biasKey)
    {
        var (kh, kw) = c.Args.Pair("kernel");
        var (sh, sw) = c.Args.Pair("stride");
        var (dh, dw) = c.Args.Pair("dilation");
        var pad = ShapeRules.ResolvePadding(c.Args.Padding("padding"), inputShape, kh, kw, sh, sw, dh, dw);
        var inputs = new List<string> { input, c.Weight(weightKey, filters, inputShape.Channels / groups, kh, kw) };
        if (biasKey is not null) inputs.Add(c.Weight(biasKey, filters));
        return c.Node("Conv", inputs,
            OnnxAttribute.Of("kernel_shape", new[] { kh, kw }),
            OnnxAttribute.Of("strides", new[] { sh, sw }),
            OnnxAttribute.Of("dilations", new[] { dh, dw }),
            OnnxAttribute.Of("pads", new[] { pad.Top, pad.Left, pad.Bottom, pad.Right }),
            OnnxAttribute.Of("group", groups));
    }
}
