namespace NetDsl.Catalog.Ops;

public sealed partial class WindowAttentionOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var a = call.Args;
        var window = a.Pair("window");
        var shift = a.Pair("shift");
        return new($"{call.Use("ShiftedWindowAttention")}({PyTorchCall.Int(call.Input.Features)}, {PyTorchCall.Int(a.Int("heads"))}, ({PyTorchCall.Int(window.H)}, {PyTorchCall.Int(window.W)}), ({PyTorchCall.Int(shift.H)}, {PyTorchCall.Int(shift.W)})"
            + $"{(a.Bool("qkv_bias") ? "" : ", qkv_bias=False")}{(a.Bool("proj_bias") ? "" : ", proj_bias=False")}"
            + $"{(a.Float("attention_dropout") == 0 ? "" : $", attention_dropout={PyTorchCall.Float(a.Float("attention_dropout"))}")}{(a.Float("dropout") == 0 ? "" : $", dropout={PyTorchCall.Float(a.Float("dropout"))}")})");
    }
}
