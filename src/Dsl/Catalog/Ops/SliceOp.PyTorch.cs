using System.Linq;

namespace NetDsl.Catalog.Ops;

public sealed partial class SliceOp
{
    /// <summary>Python's slicing on the tensor axis after the batch: <c>x[:, :, 0::2]</c>.</summary>
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var a = call.Args;
        var dim = a.Int("dim");
        var axis = (dim < 0 ? dim + call.Input.Rank : dim) + 1;
        var start = a.Int("start");
        var stop = a.IntOrNull("stop");
        var step = a.Int("step");
        var slice = $"{(start == 0 ? "" : PyTorchCall.Int(start))}:{(stop is { } end ? PyTorchCall.Int(end) : "")}{(step == 1 ? "" : ":" + PyTorchCall.Int(step))}";
        var index = string.Join(", ", Enumerable.Repeat(":", (int)axis).Concat(new[] { slice }));
        return new($"{call.Use("Slice")}({PyTorchCall.Int(axis)}, {PyTorchCall.Int(start)}, {(stop is { } last ? PyTorchCall.Int(last) : "None")}, {PyTorchCall.Int(step)})", $"{{x}}[{index}]");
    }
}
