using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>depthwise(kernel, stride: 1, padding: 0, dilation: 1, multiplier: 1, bias: true)</c> — a conv with groups = input channels.</summary>
public sealed partial class DepthwiseOp : OpDefinition
{
    public override string Name => "depthwise";

    public override string Summary => "depthwise 2-D convolution: one filter (times multiplier) per input channel (Keras DepthwiseConv2D)";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[]
    {
        Args.Pair("kernel"), Args.Pair("stride", 1), Args.Padding(0), Args.Pair("dilation", 1), Args.Int("multiplier", 1), Args.Bool("bias", true),
    };

    public override ShapeResult Infer(OpArguments a, Shape input, string path)
    {
        var (kh, kw) = a.Pair("kernel");
        var (sh, sw) = a.Pair("stride");
        var (dh, dw) = a.Pair("dilation");
        var channels = input.Rank == 3 ? input.Channels : 1;
        return ShapeRules.Conv2d(input, checked(channels * a.Int("multiplier")), kh, kw, sh, sw, a.Padding("padding"), dh, dw, channels, Name, path);
    }

    public override ParameterCount CountParameters(OpArguments a, Shape input, Shape output)
    {
        var (kh, kw) = a.Pair("kernel");
        var weights = checked(output.Channels * kh * kw);
        return new ParameterCount(checked(weights + (a.Bool("bias") ? output.Channels : 0)), 0);
    }

    /// <summary>Each output value sums one input channel's kernel window.</summary>
    public override long CountMultiplyAccumulates(OpArguments a, Shape input, Shape output)
    {
        var (kh, kw) = a.Pair("kernel");
        return checked(output.ElementCount * kh * kw);
    }

    public override IReadOnlyList<string> StateKeys(OpArguments a) => a.Bool("bias") ? new[] { "weight", "bias" } : new[] { "weight" };

    public override string EmitShape(OpCode c, string pathCode) =>
        $"ShapeRules.Conv2d({c.Input}, {c.Input}.Channels * {c["multiplier"]}, {c.Pair("kernel").H}, {c.Pair("kernel").W}, {c.Pair("stride").H}, {c.Pair("stride").W}, {c["padding"]}, {c.Pair("dilation").H}, {c.Pair("dilation").W}, {c.Input}.Channels, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => ConvOp.Conv(c, $"{c.Input}.Channels * {c["multiplier"]}", $"{c.Input}.Channels", c["bias"]);

    public override bool TakesFoldedBatchNorm => true;

    public override string EmitFoldingModule(OpCode c) => ConvOp.FoldingConv(c, $"{c.Input}.Channels * {c["multiplier"]}", $"{c.Input}.Channels", c["bias"]);
}
