namespace NetDsl.Catalog.Ops;

public sealed partial class LearnedTensorOp
{
    /// <summary>The initial tensor (zeros, a constant, or normal with std), as NetDslLayers.NewParameter draws it.</summary>
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var a = call.Args;
        var sizes = PyTorchCall.Tuple(a.Ints("sizes"));
        var initial = a.Float("std") > 0 ? $"torch.empty({sizes}).normal_(0.0, {PyTorchCall.Float(a.Float("std"))})"
            : a.Float("fill") != 0 ? $"torch.full({sizes}, {PyTorchCall.Float(a.Float("fill"))})"
            : $"torch.zeros({sizes})";
        return new(Trainable ? $"nn.Parameter({initial})" : initial);
    }
}
