using System.Collections.Generic;
using System.Linq;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class TransposeOp
{
    public override bool HasOnnxLowering => true;

    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var rank = c.InputShape.Rank;
        var perm = Enumerable.Range(0, rank + 1).Select(a => (long)a).ToArray();
        var first = c.SampleAxis(c.Args.Int("dim0")) + 1;
        var second = c.SampleAxis(c.Args.Int("dim1")) + 1;
        (perm[first], perm[second]) = (perm[second], perm[first]);
        return OnnxOpContext.One(c.Node("Transpose", new[] { c.Input }, OnnxAttribute.Of("perm", perm)));
    }
}
