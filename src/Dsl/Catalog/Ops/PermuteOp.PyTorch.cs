using System.Linq;

namespace NetDsl.Catalog.Ops;

public sealed partial class PermuteOp
{
    /// <summary>Sample axes become tensor axes after the batch: NetDsl's permute(1, 2, 0) is PyTorch's permute(0, 2, 3, 1).</summary>
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var rank = call.Input.Rank;
        var dims = new[] { 0L }.Concat(call.Args.Ints("dims").Select(d => (d < 0 ? d + rank : d) + 1)).ToArray();
        return new($"{call.Use("Permute")}({PyTorchCall.Tuple(dims)})", $"{{x}}.permute({string.Join(", ", dims.Select(PyTorchCall.Int))})");
    }
}
