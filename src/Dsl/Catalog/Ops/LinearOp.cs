using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>linear(out, in: inferred, bias: true)</c> — nn.Linear; <c>in</c> is checked when given.</summary>
public sealed class LinearOp : OpDefinition
{
    public override string Name => "linear";

    public override string Summary => "fully connected layer (nn.Linear) on the last axis: [..., N] to [..., out]; in_features is inferred, an explicit in: is checked";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Int("out"), new ArgSpec("in", ArgType.Int, Optional: true), Args.Bool("bias", true) };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) =>
        ShapeRules.Linear(input, a.Int("out"), a.Has("in") ? a.Int("in") : -1, Name, path);

    public override ParameterCount CountParameters(OpArguments a, Shape input, Shape output) =>
        new(checked(input.Features * output.Features + (a.Bool("bias") ? output.Features : 0)), 0);

    public override IReadOnlyList<string> StateKeys(OpArguments a) => a.Bool("bias") ? new[] { "weight", "bias" } : new[] { "weight" };

    public override string EmitShape(OpCode c, string pathCode) =>
        $"ShapeRules.Linear({c.Input}, {c["out"]}, {(c.Has("in") ? c["in"] : "-1")}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"nn.Linear({c.Input}.Features, {c["out"]}, hasBias: {c["bias"]})";
}
