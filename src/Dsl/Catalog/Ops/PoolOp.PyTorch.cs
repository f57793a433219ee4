namespace NetDsl.Catalog.Ops;

public sealed partial class PoolOp
{
    /// <summary>The pools of NetDslLayers.Pool2d: symmetric padding maps onto nn's pools; asymmetric 'same' pads first.</summary>
    public override PyTorchLayer EmitPyTorch(PyTorchCall call)
    {
        var a = call.Args;
        var kernel = a.Pair("kernel");
        var stride = a.Pair("stride");
        var padding = a.Padding("padding");
        var pad = ShapeRules.ResolvePadding(padding, call.Input, kernel.H, kernel.W, stride.H, stride.W, 1, 1);
        var ceil = a.Bool("ceil") ? ", ceil_mode=True" : "";
        var common = PyTorchCall.Pair(kernel) + (stride == kernel ? "" : $", stride={PyTorchCall.Pair(stride)}");
        var unpadded = pad.Top == 0 && pad.Bottom == 0 && pad.Left == 0 && pad.Right == 0;
        var sides = PyTorchCall.Tuple(new[] { pad.Left, pad.Right, pad.Top, pad.Bottom });
        if (_max)
        {
            return pad.IsSymmetric
                ? new($"nn.MaxPool2d({common}{(unpadded ? "" : $", padding={PyTorchCall.Pair((pad.Top, pad.Left))}")}{ceil})")
                : new($"{call.Use("PaddedPool2d")}(nn.MaxPool2d({common}{ceil}), {sides}, float('-inf'), count_padding=True)");
        }
        if (unpadded) return new($"nn.AvgPool2d({common}{ceil})");
        if (padding.Mode == PaddingMode.Same && pad.IsSymmetric)
            return new($"nn.AvgPool2d({common}, padding={PyTorchCall.Pair((pad.Top, pad.Left))}{ceil}, count_include_pad=False)");
        return new($"{call.Use("PaddedPool2d")}(nn.AvgPool2d({common}{ceil}), {sides}, 0.0, count_padding={PyTorchCall.Bool(padding.Mode != PaddingMode.Same)})");
    }
}
