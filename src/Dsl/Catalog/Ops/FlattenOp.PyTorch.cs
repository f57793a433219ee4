namespace NetDsl.Catalog.Ops;

public sealed partial class FlattenOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var start = PyTorchCall.Int(PyTorchCall.BatchAxis(call.Args.Int("start")));
        var end = PyTorchCall.Int(PyTorchCall.BatchAxis(call.Args.Int("end")));
        var whole = start == "1" && end == "-1";
        return new(whole ? "nn.Flatten()" : $"nn.Flatten({start}, {end})", whole ? "{x}.flatten(1)" : $"{{x}}.flatten({start}, {end})");
    }
}
