using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class StochasticDepthOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>Evaluation mode: stochastic depth keeps every row, unscaled (torchvision's).</summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c) => OnnxOpContext.One(c.Node("Identity", new[] { c.Input }));
}
