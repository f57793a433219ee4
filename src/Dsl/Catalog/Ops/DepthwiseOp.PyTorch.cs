namespace NetDsl.Catalog.Ops;

public sealed partial class DepthwiseOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call) =>
        new(ConvOp.Conv(call, call.Input.Channels * call.Args.Int("multiplier"), call.Input.Channels, call.Args.Bool("bias")));
}
