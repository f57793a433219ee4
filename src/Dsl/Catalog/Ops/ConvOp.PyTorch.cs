namespace NetDsl.Catalog.Ops;

public sealed partial class ConvOp
{
    public override PyTorchLayer EmitPyTorch(PyTorchCall call) => new(Conv(call, call.Args.Int("filters"), call.Args.Int("groups"), call.Args.Bool("bias")));

    /// <summary>nn.Conv2d with its padding resolved; an asymmetric 'same' pads explicitly first (the helper keeps nn.Conv2d's keys).</summary>
    internal static string Conv(PyTorchCall call, long filters, long groups, bool bias)
    {
        var a = call.Args;
        var (kh, kw) = a.Pair("kernel");
        var (sh, sw) = a.Pair("stride");
        var (dh, dw) = a.Pair("dilation");
        var pad = ShapeRules.ResolvePadding(a.Padding("padding"), call.Input, kh, kw, sh, sw, dh, dw);
        var common = PyTorchCall.Pair((kh, kw)) + (sh == 1 && sw == 1 ? "" : $", stride={PyTorchCall.Pair((sh, sw))}");
        var tail = $"{(dh == 1 && dw == 1 ? "" : $", dilation={PyTorchCall.Pair((dh, dw))}")}{(groups == 1 ? "" : $", groups={PyTorchCall.Int(groups)}")}{(bias ? "" : ", bias=False")}";
        if (pad.IsSymmetric)
            return $"nn.Conv2d({PyTorchCall.Int(call.Input.Channels)}, {PyTorchCall.Int(filters)}, {common}{(pad.Top == 0 && pad.Left == 0 ? "" : $", padding={PyTorchCall.Pair((pad.Top, pad.Left))}")}{tail})";
        return $"{call.Use("PaddedConv2d")}({PyTorchCall.Int(call.Input.Channels)}, {PyTorchCall.Int(filters)}, {common}, pad={PyTorchCall.Tuple(new[] { pad.Left, pad.Right, pad.Top, pad.Bottom })}{tail})";
    }
}
