namespace NetDsl.Catalog.Ops;

public sealed partial class LayerNorm2dOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call) =>
        new($"{call.Use("LayerNorm2d")}({PyTorchCall.Int(call.Input.Channels)}, eps={PyTorchCall.Float(call.Args.Float("eps"))}, bias={PyTorchCall.Bool(call.Args.Bool("bias"))})");
}
