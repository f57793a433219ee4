using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary>
/// <c>x.positions(dim: 0)</c>: the positions 0, 1, ... of an axis of <c>x</c> as token ids <c>[n]</c>, the same for every
/// sample (nanoGPT's <c>torch.arange(t)</c>, looked up by its position embedding <c>wpe</c>); a function only.
/// </summary>
public sealed partial class PositionsOp : OpDefinition
{
    public PositionsOp()
    {
        Forms = OpForms.Function;
        TakesIds = true;
    }

    public override string Name => "positions";

    public override string Summary => "the positions 0..n-1 of an axis as token ids [n], for a position embedding: x.positions(0) |> wpe: embedding(context, width)";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Int("dim", 0) };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.Positions(input, a.Int("dim"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.Positions({c.Input}, {c["dim"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.Positions({c.BatchAxis("dim")})";
}
