namespace NetDsl.Catalog.Ops;

public sealed partial class ElementwiseOp
{
    /// <summary>The configured element-wise ops as PyTorch modules and functions, by name; one not listed has no emission.</summary>
    public override PyTorchLayer? EmitPyTorch(PyTorchCall call)
    {
        var a = call.Args;
        string Dim() => PyTorchCall.Int(PyTorchCall.BatchAxis(a.Int("dim")));
        return Name switch
        {
            "relu" => new("nn.ReLU()", "torch.relu({x})"),
            "relu6" => new("nn.ReLU6()", "F.relu6({x})"),
            "leaky_relu" => new($"nn.LeakyReLU({PyTorchCall.Float(a.Float("slope"))})", $"F.leaky_relu({{x}}, {PyTorchCall.Float(a.Float("slope"))})"),
            "sigmoid" => new("nn.Sigmoid()", "torch.sigmoid({x})"),
            "tanh" => new("nn.Tanh()", "torch.tanh({x})"),
            "gelu" => a.Bool("tanh") ? new("nn.GELU(approximate=\"tanh\")", "F.gelu({x}, approximate=\"tanh\")") : new("nn.GELU()", "F.gelu({x})"),
            "silu" => new("nn.SiLU()", "F.silu({x})"),
            "hardswish" => new("nn.Hardswish()", "F.hardswish({x})"),
            "hardsigmoid" => new("nn.Hardsigmoid()", "F.hardsigmoid({x})"),
            "softmax" => new($"nn.Softmax({Dim()})", $"torch.softmax({{x}}, {Dim()})"),
            "log_softmax" => new($"nn.LogSoftmax({Dim()})", $"torch.log_softmax({{x}}, {Dim()})"),
            "identity" => new("nn.Identity()", "{x}"),
            "dropout" => new($"nn.Dropout({PyTorchCall.Float(a.Float("p"))})"),
            "lrn" => new($"nn.LocalResponseNorm({PyTorchCall.Int(a.Int("size"))}, alpha={PyTorchCall.Float(a.Float("alpha"))}, beta={PyTorchCall.Float(a.Float("beta"))}, k={PyTorchCall.Float(a.Float("k"))})"),
            _ => null,
        };
    }
}
