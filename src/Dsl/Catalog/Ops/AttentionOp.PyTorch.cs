namespace NetDsl.Catalog.Ops;

public sealed partial class AttentionOp
{
    /// <summary>nn.MultiheadAttention's keys (a subclass that also masks causally), or nanoGPT's CausalSelfAttention.</summary>
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var a = call.Args;
        var width = PyTorchCall.Int(call.Input.Features);
        var options = $"dropout={PyTorchCall.Float(a.Float("dropout"))}, bias={PyTorchCall.Bool(a.Bool("bias"))}, causal={PyTorchCall.Bool(a.Bool("causal"))}";
        if (_gpt) return new($"{call.Use("CausalSelfAttention")}({width}, {PyTorchCall.Int(a.Int("heads"))}, {options})");
        var memory = call.Inputs.Length > 1 && call.Inputs[1].Features != call.Input.Features ? $", memory_width={PyTorchCall.Int(call.Inputs[1].Features)}" : "";
        return new($"{call.Use("Attention")}({width}, {PyTorchCall.Int(a.Int("heads"))}, {options}{memory})");
    }
}
