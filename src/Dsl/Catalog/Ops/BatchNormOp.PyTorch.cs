namespace NetDsl.Catalog.Ops;

public sealed partial class BatchNormOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var a = call.Args;
        var options = (a.Float("eps") == 1e-5 ? "" : $", eps={PyTorchCall.Float(a.Float("eps"))}") + (a.Float("momentum") == 0.1 ? "" : $", momentum={PyTorchCall.Float(a.Float("momentum"))}");
        if (!a.Bool("scale")) return new($"{call.Use("UnscaledBatchNorm")}({PyTorchCall.Int(call.Input.Channels)}{options})");
        return new($"nn.BatchNorm{(call.Input.Rank == 3 ? "2d" : "1d")}({PyTorchCall.Int(call.Input.Channels)}{options})");
    }
}
