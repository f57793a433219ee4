namespace NetDsl.Catalog.Ops;

public sealed partial class ChannelShuffleOp
{
    /// <summary>A helper rather than nn.ChannelShuffle, which older PyTorch lacks.</summary>
    public override PyTorchLayer EmitPyTorch(PyTorchCall call) => new($"{call.Use("ChannelShuffle")}({PyTorchCall.Int(call.Args.Int("groups"))})");
}
