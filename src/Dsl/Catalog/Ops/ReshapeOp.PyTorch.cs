using System.Linq;

namespace NetDsl.Catalog.Ops;

public sealed partial class ReshapeOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var dims = call.Args.Ints("dims");
        return new($"{call.Use("Reshape")}({PyTorchCall.Tuple(dims)})", $"{{x}}.reshape({{x}}.shape[0], {string.Join(", ", dims.Select(PyTorchCall.Int))})");
    }
}
