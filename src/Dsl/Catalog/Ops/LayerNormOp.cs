using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Catalog.Ops;

/// <summary>
/// <c>layer_norm(shape: the last axis, eps: 1e-5, bias: true)</c> — nn.LayerNorm over the last axes of its input (those
/// of <c>shape</c>, checked, when given); <c>bias: false</c> is nanoGPT's LayerNorm. Keys <c>weight</c>, <c>bias</c>.
/// </summary>
public sealed partial class LayerNormOp : OpDefinition
{
    public override string Name => "layer_norm";

    public override string Summary => "layer normalisation over the last axes (nn.LayerNorm): the last one, or those of shape (checked); ViT and ConvNeXt use eps: 1e-6";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.OptionalInts("shape"), Args.Float("eps", 1e-5), Args.Bool("bias", true) };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) =>
        ShapeRules.LayerNorm(input, a.Has("shape") ? a.Ints("shape") : null, Name, path);

    public override ParameterCount CountParameters(OpArguments a, Shape input, Shape output)
    {
        var normalised = Normalised(a, input).Aggregate(1L, (product, size) => checked(product * size));
        return new ParameterCount(a.Bool("bias") ? checked(2 * normalised) : normalised, 0);
    }

    public override IReadOnlyList<string> StateKeys(OpArguments a) => a.Bool("bias") ? new[] { "weight", "bias" } : new[] { "weight" };


    public override string EmitShape(OpCode c, string pathCode) =>
        $"ShapeRules.LayerNorm({c.Input}, {(c.Has("shape") ? c["shape"] : "null")}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) =>
        $"nn.LayerNorm(NetDslLayers.LastAxes({c.Input}, {(c.Has("shape") ? c["shape"] + ".Length" : "1")}), {c["eps"]}, bias: {c["bias"]})";

    /// <summary>The sizes of the normalised axes: the last one, or as many last ones as the declared shape has.</summary>
    private static long[] Normalised(OpArguments a, Shape input)
    {
        var count = a.Has("shape") ? a.Ints("shape").Length : 1;
        var sizes = new long[count];
        for (var i = 0; i < count; i++) sizes[i] = input[input.Rank - count + i];
        return sizes;
    }
}
