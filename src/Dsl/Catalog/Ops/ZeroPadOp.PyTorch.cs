namespace NetDsl.Catalog.Ops;

public sealed partial class ZeroPadOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var a = call.Args;
        return new($"nn.ZeroPad2d({PyTorchCall.Tuple(new[] { a.Int("left"), a.Int("right"), a.Int("top"), a.Int("bottom") })})");
    }
}
