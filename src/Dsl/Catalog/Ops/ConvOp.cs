using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>conv(filters, kernel, stride: 1, padding: 0, dilation: 1, groups: 1, bias: true)</c> — nn.Conv2d.</summary>
public sealed partial class ConvOp : OpDefinition
{
    public override string Name => "conv";

    public override string Summary => "2-D convolution (nn.Conv2d); kernel, stride, dilation as int or (h, w); padding int, (h, w), same or valid";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[]
    {
        Args.Int("filters"), Args.Pair("kernel"), Args.Pair("stride", 1), Args.Padding(0), Args.Pair("dilation", 1), Args.Int("groups", 1), Args.Bool("bias", true),
    };

    public override ShapeResult Infer(OpArguments a, Shape input, string path)
    {
        var (kh, kw) = a.Pair("kernel");
        var (sh, sw) = a.Pair("stride");
        var (dh, dw) = a.Pair("dilation");
        return ShapeRules.Conv2d(input, a.Int("filters"), kh, kw, sh, sw, a.Padding("padding"), dh, dw, a.Int("groups"), Name, path);
    }

    public override ParameterCount CountParameters(OpArguments a, Shape input, Shape output)
    {
        var (kh, kw) = a.Pair("kernel");
        var weights = checked(a.Int("filters") * (input.Channels / a.Int("groups")) * kh * kw);
        return new ParameterCount(checked(weights + (a.Bool("bias") ? a.Int("filters") : 0)), 0);
    }

    /// <summary>Each output value sums (input channels / groups) x kernel products.</summary>
    public override long CountMultiplyAccumulates(OpArguments a, Shape input, Shape output)
    {
        var (kh, kw) = a.Pair("kernel");
        return checked(output.ElementCount * (input.Channels / a.Int("groups")) * kh * kw);
    }

    public override IReadOnlyList<string> StateKeys(OpArguments a) => a.Bool("bias") ? new[] { "weight", "bias" } : new[] { "weight" };

    public override string EmitShape(OpCode c, string pathCode) =>
        $"ShapeRules.Conv2d({c.Input}, {c["filters"]}, {c.Pair("kernel").H}, {c.Pair("kernel").W}, {c.Pair("stride").H}, {c.Pair("stride").W}, {c["padding"]}, {c.Pair("dilation").H}, {c.Pair("dilation").W}, {c["groups"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => Conv(c, c["filters"], c["groups"], c["bias"]);

    /// <summary>Explicit padding maps straight onto nn.Conv2d; same/valid go through the generated helper, which handles asymmetric padding.</summary>
    internal static string Conv(OpCode c, string filters, string groups, string bias) => c.HasPair("padding")
        ? $"nn.Conv2d({c.Input}.Channels, {filters}, {c["kernel"]}, stride: {c["stride"]}, padding: ({c.Pair("padding").H}, {c.Pair("padding").W}), dilation: {c["dilation"]}, groups: {groups}, bias: {bias})"
        : $"NetDslLayers.Conv2d({c.Input}, {filters}, {c["kernel"]}, {c["stride"]}, {c["padding"]}, {c["dilation"]}, {groups}, {bias})";

    public override bool TakesFoldedBatchNorm => true;

    public override string EmitFoldingModule(OpCode c) => FoldingConv(c, c["filters"], c["groups"], c["bias"]);

    /// <summary>A conv a batch norm can be folded into (the helper takes every padding form).</summary>
    internal static string FoldingConv(OpCode c, string filters, string groups, string bias) =>
        $"NetDslLayers.FoldingConv2d({c.Input}, {filters}, {c["kernel"]}, {c["stride"]}, {c["padding"]}, {c["dilation"]}, {groups}, {bias})";
}
