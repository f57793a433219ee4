using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class SliceOp
{
    public override bool HasOnnxLowering => true;

    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c) => OnnxOpContext.One(c.Slice(c.Input, c.SampleAxis(c.Args.Int("dim")),
        c.Args.Int("start"), c.Args.IntOrNull("stop") ?? long.MaxValue, c.Args.Int("step")));
}
