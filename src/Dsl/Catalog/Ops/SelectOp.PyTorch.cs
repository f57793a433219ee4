namespace NetDsl.Catalog.Ops;

public sealed partial class SelectOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var arguments = $"{PyTorchCall.Int(PyTorchCall.BatchAxis(call.Args.Int("dim")))}, {PyTorchCall.Int(call.Args.Int("index"))}";
        return new($"{call.Use("Select")}({arguments})", $"{{x}}.select({arguments})");
    }
}
