using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class PositionsOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>Range(0, size of the axis) as int64 ids, expanded to the batch: the axis may be symbolic, so its size is read at run time.</summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var axis = c.SampleAxis(c.Args.Int("dim")) + 1L;
        var shape = c.Node("Shape", new[] { c.Input });
        var size = c.Node("Gather", new[] { shape, c.Graph.Int64s(new[] { axis }, scalar: true) }, OnnxAttribute.Of("axis", 0L));
        var ids = c.Node("Range", new[] { c.Graph.Int64s(new[] { 0L }, scalar: true), size, c.Graph.Int64s(new[] { 1L }, scalar: true) });
        var row = c.Node("Unsqueeze", new[] { ids, c.Graph.Int64s(new[] { 0L }) });
        var target = c.Node("Gather", new[] { shape, c.Graph.Int64s(new[] { 0L, axis }) }, OnnxAttribute.Of("axis", 0L));
        return OnnxOpContext.One(c.Node("Expand", new[] { row, target }));
    }
}
