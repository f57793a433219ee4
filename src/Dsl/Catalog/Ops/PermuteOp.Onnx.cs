using System.Collections.Generic;
using System.Linq;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class PermuteOp
{
    public override bool HasOnnxLowering => true;

    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var rank = c.InputShape.Rank;
        var perm = new long[] { 0 }.Concat(c.Args.Ints("dims").Select(d => (d < 0 ? d + rank : d) + 1)).ToArray();
        return OnnxOpContext.One(c.Node("Transpose", new[] { c.Input }, OnnxAttribute.Of("perm", perm)));
    }
}
