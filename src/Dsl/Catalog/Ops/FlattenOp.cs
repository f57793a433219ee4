using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>flatten(start: 0, end: -1)</c>: axes start to end become one; by default the whole sample, [C, H, W] to [C·H·W] (nn.Flatten).</summary>
public sealed partial class FlattenOp : OpDefinition
{
    public FlattenOp()
    {
        Forms = OpForms.Both;
        TakesIds = true;
    }

    public override string Name => "flatten";

    public override string Summary => "merges axes start to end (both included) into one; by default the whole sample: [C, H, W] becomes [C*H*W] (nn.Flatten)";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Int("start", 0), Args.Int("end", -1) };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.Flatten(input, a.Int("start"), a.Int("end"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) => IsWhole(c)
        ? $"ShapeRules.Flatten({c.Input}, \"{Name}\", {pathCode})"
        : $"ShapeRules.Flatten({c.Input}, {c["start"]}, {c["end"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => IsWhole(c) ? "nn.Flatten()" : $"nn.Flatten({c.BatchAxis("start")}, {c.BatchAxis("end")})";

    /// <summary>The whole sample, written with the defaults (<c>flatten</c>): the short forms.</summary>
    private static bool IsWhole(OpCode c) => c["start"] == "0" && c["end"] == "-1";
}
