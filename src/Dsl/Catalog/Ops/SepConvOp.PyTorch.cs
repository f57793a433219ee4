namespace NetDsl.Catalog.Ops;

public sealed partial class SepConvOp
{
    /// <summary>Keras' SeparableConv2D as PyTorch keys: a depthwise conv without bias, then a 1x1 pointwise conv.</summary>
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var channels = call.Input.Channels;
        var depthwise = ConvOp.Conv(call, channels, channels, bias: false);
        var pointwise = $"nn.Conv2d({PyTorchCall.Int(channels)}, {PyTorchCall.Int(call.Args.Int("filters"))}, 1{(call.Args.Bool("bias") ? "" : ", bias=False")})";
        return new($"nn.Sequential(OrderedDict([(\"depthwise\", {depthwise}), (\"pointwise\", {pointwise})]))");
    }
}
