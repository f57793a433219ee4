using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary>
/// <c>layer_norm2d(channels: inferred, eps: 1e-5, bias: true)</c> — torchvision's LayerNorm2d (ConvNeXt, eps 1e-6 there):
/// normalises each pixel's channel vector of a map <c>[C, H, W]</c>. Keys <c>weight [C]</c>, <c>bias [C]</c>.
/// </summary>
public sealed partial class LayerNorm2dOp : OpDefinition
{
    public override string Name => "layer_norm2d";

    public override string Summary => "layer normalisation of each pixel's channels of a [C, H, W] map (torchvision's LayerNorm2d, ConvNeXt); channels inferred, checked when given";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.OptionalInt("channels"), Args.Float("eps", 1e-5), Args.Bool("bias", true) };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) =>
        ShapeRules.LayerNorm2d(input, a.IntOrNull("channels") ?? -1, Name, path);

    public override ParameterCount CountParameters(OpArguments a, Shape input, Shape output) =>
        new(a.Bool("bias") ? checked(2 * input.Channels) : input.Channels, 0);

    public override IReadOnlyList<string> StateKeys(OpArguments a) => a.Bool("bias") ? new[] { "weight", "bias" } : new[] { "weight" };


    public override string EmitShape(OpCode c, string pathCode) =>
        $"ShapeRules.LayerNorm2d({c.Input}, {(c.Has("channels") ? c["channels"] : "-1")}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.LayerNorm2d({c.Input}.Channels, {c["eps"]}, {c["bias"]})";
}
