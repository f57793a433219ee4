using System.Collections.Generic;
using System.Linq;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class AdaptiveAvgPoolOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>
    /// ONNX has no adaptive pool. Each axis is averaged on its own over PyTorch's windows, [floor(i * n / m), ceil((i + 1) * n / m)):
    /// a window is a rectangle of equal weights, so the mean over rows, then over columns, is its mean. An axis that divides
    /// evenly is one AveragePool.
    /// </summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var value = c.Input;
        value = Axis(c, value, 2, c.InputShape.Height, c.Output.Height);
        value = Axis(c, value, 3, c.InputShape.Width, c.Output.Width);
        return OnnxOpContext.One(value == c.Input ? c.Node("Identity", new[] { value }) : value);
    }

    private static string Axis(OnnxOpContext c, string value, long axis, long size, long output)
    {
        if (size == output) return value;
        if (size % output == 0)
        {
            var kernel = axis == 2 ? new[] { size / output, 1L } : new[] { 1L, size / output };
            return c.Node("AveragePool", new[] { value }, OnnxAttribute.Of("kernel_shape", kernel), OnnxAttribute.Of("strides", kernel));
        }
        var windows = new List<string>();
        for (long i = 0; i < output; i++)
        {
            var start = i * size / output;
            var end = ((i + 1) * size + output - 1) / output;
            var window = c.Node("Slice", new[] { value, c.Graph.Int64s(new[] { start }), c.Graph.Int64s(new[] { end }), c.Graph.Int64s(new[] { axis }) });
            windows.Add(c.Node("ReduceMean", new[] { window }, OnnxAttribute.Of("axes", new[] { axis }), OnnxAttribute.Of("keepdims", 1L)));
        }
        return c.Node("Concat", windows.ToArray(), OnnxAttribute.Of("axis", axis));
    }
}
