namespace NetDsl.Catalog.Ops;

public sealed partial class EmbeddingOp
{
    /// <summary>nn.Embedding; a tied weight (<c>weight: path</c>) is the owner's parameter, set after the owner is built.</summary>
    public override PyTorchLayer EmitPyTorch(PyTorchCall call) =>
        new($"nn.Embedding({PyTorchCall.Int(call.Args.Int("count"))}, {PyTorchCall.Int(call.Args.Int("dim"))})")
        {
            Tied = call.Args.Has("weight") ? new[] { ("weight", call.Args.Symbol("weight")) } : null,
        };
}
