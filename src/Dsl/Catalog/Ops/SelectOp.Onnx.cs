using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class SelectOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>Gather with a scalar index removes the axis, as select does; a negative index counts from the end in both.</summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c) => OnnxOpContext.One(c.Node("Gather",
        new[] { c.Input, c.Graph.Int64s(new[] { c.Args.Int("index") }, scalar: true) }, OnnxAttribute.Of("axis", (long)c.SampleAxis(c.Args.Int("dim")) + 1)));
}
