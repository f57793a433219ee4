using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class EmbeddingOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>Gather of the weight's rows by token id; a tied weight is its owner's initializer.</summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var (count, dim) = (c.Args.Int("count"), c.Args.Int("dim"));
        var weight = c.Args.Has("weight") ? c.TiedWeight(c.Args.Symbol("weight"), count, dim) : c.Weight("weight", count, dim);
        return OnnxOpContext.One(c.Node("Gather", new[] { weight, c.Input }, OnnxAttribute.Of("axis", 0L)));
    }
}
