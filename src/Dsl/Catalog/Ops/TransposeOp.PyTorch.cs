namespace NetDsl.Catalog.Ops;

public sealed partial class TransposeOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var dims = $"{PyTorchCall.Int(PyTorchCall.BatchAxis(call.Args.Int("dim0")))}, {PyTorchCall.Int(PyTorchCall.BatchAxis(call.Args.Int("dim1")))}";
        return new($"{call.Use("Transpose")}({dims})", $"{{x}}.transpose({dims})");
    }
}
