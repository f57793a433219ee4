namespace NetDsl.Catalog.Ops;

public sealed partial class AdaptiveAvgPoolOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call) =>
        new($"nn.AdaptiveAvgPool2d(({PyTorchCall.Int(call.Args.Int("height"))}, {PyTorchCall.Int(call.Args.Int("width"))}))");
}
