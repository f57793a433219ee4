using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class GlobalPoolOp
{
    public override bool HasOnnxLowering => true;

    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c) => OnnxOpContext.One(c.Node(_max ? "ReduceMax" : "ReduceMean", new[] { c.Input },
        OnnxAttribute.Of("axes", new long[] { 2, 3 }), OnnxAttribute.Of("keepdims", 0L)));
}
