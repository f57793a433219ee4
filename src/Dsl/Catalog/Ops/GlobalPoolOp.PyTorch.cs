namespace NetDsl.Catalog.Ops;

public sealed partial class GlobalPoolOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call) =>
        new($"{call.Use("GlobalPool")}(max={PyTorchCall.Bool(_max)})", _max ? "{x}.amax((2, 3))" : "{x}.mean((2, 3))");
}
