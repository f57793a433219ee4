using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary>
/// <c>sepconv(filters, kernel, stride: 1, padding: 0, dilation: 1, bias: true)</c>: a depthwise conv (no bias) then a
/// 1x1 pointwise conv, as Keras' SeparableConv2D; children <c>depthwise</c> and <c>pointwise</c>.
/// </summary>
public sealed partial class SepConvOp : OpDefinition
{
    public override string Name => "sepconv";

    public override string Summary => "depthwise-separable convolution: depthwise (no bias) then 1x1 pointwise (Keras SeparableConv2D)";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[]
    {
        Args.Int("filters"), Args.Pair("kernel"), Args.Pair("stride", 1), Args.Padding(0), Args.Pair("dilation", 1), Args.Bool("bias", true),
    };

    public override ShapeResult Infer(OpArguments a, Shape input, string path)
    {
        var (kh, kw) = a.Pair("kernel");
        var (sh, sw) = a.Pair("stride");
        var (dh, dw) = a.Pair("dilation");
        return ShapeRules.SeparableConv2d(input, a.Int("filters"), kh, kw, sh, sw, a.Padding("padding"), dh, dw, Name, path);
    }

    public override ParameterCount CountParameters(OpArguments a, Shape input, Shape output)
    {
        var (kh, kw) = a.Pair("kernel");
        var depthwise = checked(input.Channels * kh * kw);
        var pointwise = checked(input.Channels * output.Channels + (a.Bool("bias") ? output.Channels : 0));
        return new ParameterCount(checked(depthwise + pointwise), 0);
    }

    /// <summary>The depthwise conv (a kernel window per input channel and output position), then the 1x1 pointwise conv.</summary>
    public override long CountMultiplyAccumulates(OpArguments a, Shape input, Shape output)
    {
        var (kh, kw) = a.Pair("kernel");
        var positions = checked(output.Height * output.Width);
        return checked(positions * input.Channels * kh * kw + output.ElementCount * input.Channels);
    }

    public override IReadOnlyList<string> StateKeys(OpArguments a) =>
        a.Bool("bias") ? new[] { "depthwise.weight", "pointwise.weight", "pointwise.bias" } : new[] { "depthwise.weight", "pointwise.weight" };

    public override string EmitShape(OpCode c, string pathCode) =>
        $"ShapeRules.SeparableConv2d({c.Input}, {c["filters"]}, {c.Pair("kernel").H}, {c.Pair("kernel").W}, {c.Pair("stride").H}, {c.Pair("stride").W}, {c["padding"]}, {c.Pair("dilation").H}, {c.Pair("dilation").W}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) =>
        $"nn.Sequential((\"depthwise\", {ConvOp.Conv(c, $"{c.Input}.Channels", $"{c.Input}.Channels", "false")}), (\"pointwise\", nn.Conv2d({c.Input}.Channels, {c["filters"]}, 1, bias: {c["bias"]})))";
}
