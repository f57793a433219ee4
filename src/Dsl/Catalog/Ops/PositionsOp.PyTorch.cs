namespace NetDsl.Catalog.Ops;

public sealed partial class PositionsOp
{
    /// <summary>The positions 0..n-1 of an axis as ids, one row for the batch: <c>torch.arange(n)</c>.</summary>
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var axis = PyTorchCall.Int(PyTorchCall.BatchAxis(call.Args.Int("dim")));
        return new($"{call.Use("Positions")}({axis})", $"torch.arange({{x}}.shape[{axis}], device={{x}}.device).expand({{x}}.shape[0], -1)");
    }
}
