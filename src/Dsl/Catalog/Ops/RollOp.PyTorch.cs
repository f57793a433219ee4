using System.Linq;

namespace NetDsl.Catalog.Ops;

public sealed partial class RollOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var arguments = $"{PyTorchCall.Tuple(call.Args.Ints("shifts"))}, {PyTorchCall.Tuple(call.Args.Ints("dims").Select(PyTorchCall.BatchAxis))}";
        return new($"{call.Use("Roll")}({arguments})", $"{{x}}.roll({arguments})");
    }
}
