namespace NetDsl.Catalog.Ops;

public sealed partial class ChunkOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var arguments = $"{PyTorchCall.Int(call.Args.Int("chunks"))}, {PyTorchCall.Int(PyTorchCall.BatchAxis(call.Args.Int("dim")))}";
        return new($"{call.Use("Chunk")}({arguments})", $"{{x}}.chunk({arguments})");
    }
}
