using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class LinearOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>
    /// Gemm on vectors; MatMul with the transposed weight on the last axis of anything else. A tied weight
    /// (<c>weight: transformer.wte.weight</c>) is the owner's initializer, stored once.
    /// </summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var features = c.InputShape.Features;
        var outputs = c.Args.Int("out");
        var weight = c.Args.Has("weight") ? c.TiedWeight(c.Args.Symbol("weight"), outputs, features) : c.Weight("weight", outputs, features);
        var bias = c.Args.Bool("bias") ? c.Weight("bias", outputs) : null;
        if (c.InputShape.Rank == 1)
        {
            var inputs = bias is null ? new[] { c.Input, weight } : new[] { c.Input, weight, bias };
            return OnnxOpContext.One(c.Node("Gemm", inputs, OnnxAttribute.Of("transB", 1L)));
        }
        var product = c.Node("MatMul", new[] { c.Input, c.Node("Transpose", new[] { weight }, OnnxAttribute.Of("perm", new long[] { 1, 0 })) });
        return OnnxOpContext.One(bias is null ? product : c.Node("Add", new[] { product, bias }));
    }
}
