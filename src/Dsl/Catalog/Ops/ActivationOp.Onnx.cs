using System.Collections.Generic;
using NetDsl.Export.Onnx;

namespace NetDsl.Catalog.Ops;

public sealed partial class ElementwiseOp
{
    public override bool HasOnnxLowering => Name is "relu" or "relu6" or "leaky_relu" or "sigmoid" or "tanh" or "gelu" or "silu" or "hardswish" or "hardsigmoid"
        or "softmax" or "log_softmax" or "identity" or "dropout" or "lrn";

    /// <summary>
    /// One configured class serves these ops, so the lowering goes by name. Evaluation mode: dropout passes its input.
    /// Opset 17 has no Gelu: it is written out, exactly with Erf or with PyTorch's tanh approximation.
    /// </summary>
    public override IReadOnlyList<string> LowerOnnx(OnnxOpContext c)
    {
        var x = new[] { c.Input };
        var g = c.Graph;
        return OnnxOpContext.One(Name switch
        {
            "relu" => c.Node("Relu", x),
            "relu6" => c.Node("Clip", new[] { c.Input, g.Float(0), g.Float(6) }),
            "leaky_relu" => c.Node("LeakyRelu", x, OnnxAttribute.Of("alpha", (float)c.Args.Float("slope"))),
            "sigmoid" => c.Node("Sigmoid", x),
            "tanh" => c.Node("Tanh", x),
            "gelu" => c.Args.Bool("tanh") ? TanhGelu(c) : Gelu(c),
            "silu" => c.Node("Mul", new[] { c.Input, c.Node("Sigmoid", x) }),
            "hardswish" => c.Node("HardSwish", x),
            "hardsigmoid" => c.Node("HardSigmoid", x, OnnxAttribute.Of("alpha", 1f / 6), OnnxAttribute.Of("beta", 0.5f)),
            "softmax" => c.Node("Softmax", x, OnnxAttribute.Of("axis", OnnxOpContext.BatchAxis(c.Args.Int("dim")))),
            "log_softmax" => c.Node("LogSoftmax", x, OnnxAttribute.Of("axis", OnnxOpContext.BatchAxis(c.Args.Int("dim")))),
            "identity" or "dropout" => c.Node("Identity", x),
            "lrn" => c.Node("LRN", x, OnnxAttribute.Of("size", c.Args.Int("size")), OnnxAttribute.Of("alpha", (float)c.Args.Float("alpha")),
                OnnxAttribute.Of("beta", (float)c.Args.Float("beta")), OnnxAttribute.Of("bias", (float)c.Args.Float("k"))),
            _ => throw c.NoLowering(),
        });
    }

    /// <summary>x * 0.5 * (1 + erf(x / sqrt(2))).</summary>
    private static string Gelu(OnnxOpContext c)
    {
        var g = c.Graph;
        var erf = c.Node("Erf", new[] { c.Node("Div", new[] { c.Input, g.Float(1.4142135623730951f) }) });
        var half = c.Node("Mul", new[] { c.Input, g.Float(0.5f) });
        return c.Node("Mul", new[] { half, c.Node("Add", new[] { erf, g.Float(1) }) });
    }

    /// <summary>0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3))).</summary>
    private static string TanhGelu(OnnxOpContext c)
    {
        var g = c.Graph;
        var cube = c.Node("Mul", new[] { c.Node("Mul", new[] { c.Input, c.Input }), c.Input });
        var inner = c.Node("Add", new[] { c.Input, c.Node("Mul", new[] { cube, g.Float(0.044715f) }) });
        var tanh = c.Node("Tanh", new[] { c.Node("Mul", new[] { inner, g.Float(0.7978845608028654f) }) });
        var half = c.Node("Mul", new[] { c.Input, g.Float(0.5f) });
        return c.Node("Mul", new[] { half, c.Node("Add", new[] { tanh, g.Float(1) }) });
    }
}
