namespace NetDsl.Catalog.Ops;

public sealed partial class LinearOp
{
    /// <summary>nn.Linear; a tied weight (<c>weight: path</c>) is the owner's parameter, set after the owner is built.</summary>
    public override PyTorchLayer EmitPyTorch(PyTorchCall call) =>
        new($"nn.Linear({PyTorchCall.Int(call.Input.Features)}, {PyTorchCall.Int(call.Args.Int("out"))}{(call.Args.Bool("bias") ? "" : ", bias=False")})")
        {
            Tied = call.Args.Has("weight") ? new[] { ("weight", call.Args.Symbol("weight")) } : null,
        };
}
