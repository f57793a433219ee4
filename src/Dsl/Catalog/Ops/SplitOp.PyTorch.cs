using System.Linq;

namespace NetDsl.Catalog.Ops;

public sealed partial class SplitOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var arguments = $"[{string.Join(", ", call.Args.Ints("sizes").Select(PyTorchCall.Int))}], {PyTorchCall.Int(PyTorchCall.BatchAxis(call.Args.Int("dim")))}";
        return new($"{call.Use("Split")}({arguments})", $"{{x}}.split({arguments})");
    }
}
