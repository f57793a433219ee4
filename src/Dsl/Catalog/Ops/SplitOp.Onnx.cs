using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class SplitOp
{
    public override bool HasOnnxLowering => true;

    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c) => c.Split(c.SampleAxis(c.Args.Int("dim")));
}
