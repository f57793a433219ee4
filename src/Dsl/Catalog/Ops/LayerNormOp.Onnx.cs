using System.Collections.Generic;
using System.Linq;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class LayerNormOp
{
    public override bool HasOnnxLowering => true;

    /// <summary>LayerNormalization (opset 17) over the last axes; without a bias, none is passed.</summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var normalised = Normalised(c.Args, c.InputShape);
        var inputs = new List<string> { c.Input, c.Weight("weight", normalised) };
        if (c.Args.Bool("bias")) inputs.Add(c.Weight("bias", normalised));
        return OnnxOpContext.One(c.Node("LayerNormalization", inputs,
            OnnxAttribute.Of("axis", -(long)normalised.Length), OnnxAttribute.Of("epsilon", (float)c.Args.Float("eps"))));
    }
}
