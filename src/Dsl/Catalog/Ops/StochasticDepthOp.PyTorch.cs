namespace NetDsl.Catalog.Ops;

public sealed partial class StochasticDepthOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call) =>
        new($"{call.Use("StochasticDepth")}({PyTorchCall.Float(call.Args.Float("p"))}, \"{call.Args.Symbol("mode")}\")");
}
