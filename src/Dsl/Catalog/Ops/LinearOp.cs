using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary>
/// <c>linear(out, in: inferred, bias: true, weight: a tied parameter)</c> — nn.Linear; <c>in</c> is checked when given; with
/// <c>weight</c> the layer uses an earlier layer's parameter as its weight (nanoGPT's <c>lm_head</c>), counted once.
/// </summary>
public sealed partial class LinearOp : OpDefinition
{
    public override string Name => "linear";

    public override string Summary => "fully connected layer (nn.Linear) on the last axis: [..., N] to [..., out]; in_features is inferred, an explicit in: is checked; weight: names a tied parameter";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Int("out"), new ArgSpec("in", ArgType.Int, Optional: true), Args.Bool("bias", true), Args.Reference("weight") };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) =>
        ShapeRules.Linear(input, a.Int("out"), a.Has("in") ? a.Int("in") : -1, Name, path);

    /// <summary>A tied weight belongs to the layer that declared it: it is counted there, once.</summary>
    public override ParameterCount CountParameters(OpArguments a, Shape input, Shape output) =>
        new(checked((a.Has("weight") ? 0 : input.Features * output.Features) + (a.Bool("bias") ? output.Features : 0)), 0);

    /// <summary>Each output value sums in_features products, on every leading axis of a [..., N] input; a tied weight multiplies as much.</summary>
    public override long CountMultiplyAccumulates(OpArguments a, Shape input, Shape output) => checked(output.ElementCount * input.Features);

    public override IReadOnlyList<string> StateKeys(OpArguments a) => a.Bool("bias") ? new[] { "weight", "bias" } : new[] { "weight" };

    public override long[]? ParameterShape(string key, OpArguments a, Shape input, Shape output) => key switch
    {
        "weight" => new[] { output.Features, input.Features },
        "bias" when a.Bool("bias") => new[] { output.Features },
        _ => null,
    };

    public override string EmitShape(OpCode c, string pathCode) =>
        $"ShapeRules.Linear({c.Input}, {c["out"]}, {(c.Has("in") ? c["in"] : "-1")}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => c.Has("weight")
        ? $"NetDslLayers.TiedLinear({c.Scope}, {c["weight"]}, {c.Input}.Features, {c["out"]}, {c["bias"]}, {c.Path})"
        : $"nn.Linear({c.Input}.Features, {c["out"]}, hasBias: {c["bias"]})";
}
