using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class FlattenOp
{
    public override bool HasOnnxLowering => true;

    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c) => OnnxOpContext.One(c.Reshape(c.Input, c.Output));
}
