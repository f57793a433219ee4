using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class PoolOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>
    /// MaxPool or AveragePool; padding as the generated module pads: max pooling never picks a pad, average pooling counts
    /// explicit padding's zeros (PyTorch's default) but not same padding's (TensorFlow's).
    /// </summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var (kh, kw) = c.Args.Pair("kernel");
        var (sh, sw) = c.Args.Pair("stride");
        var padding = c.Args.Padding("padding");
        var pad = ShapeRules.ResolvePadding(padding, c.InputShape, kh, kw, sh, sw, 1, 1);
        var attributes = new List<OnnxAttribute>
        {
            OnnxAttribute.Of("kernel_shape", new[] { kh, kw }),
            OnnxAttribute.Of("strides", new[] { sh, sw }),
            OnnxAttribute.Of("pads", new[] { pad.Top, pad.Left, pad.Bottom, pad.Right }),
            OnnxAttribute.Of("ceil_mode", c.Args.Bool("ceil") ? 1L : 0L),
        };
        if (!_max) attributes.Add(OnnxAttribute.Of("count_include_pad", padding.Mode == PaddingMode.Same ? 0L : 1L));
        return OnnxOpContext.One(c.Node(_max ? "MaxPool" : "AveragePool", new[] { c.Input }, attributes.ToArray()));
    }
}
