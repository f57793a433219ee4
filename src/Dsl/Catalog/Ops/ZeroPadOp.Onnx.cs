using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class ZeroPadOp
{
    public override bool HasOnnxLowering => true;

    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var pads = c.Graph.Int64s(new[] { 0, 0, c.Args.Int("top"), c.Args.Int("left"), 0, 0, c.Args.Int("bottom"), c.Args.Int("right") });
        return OnnxOpContext.One(c.Node("Pad", new[] { c.Input, pads }));
    }
}
