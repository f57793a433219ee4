using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>roll(shifts, dims)</c>: torch.roll along sample axes, elements shifted cyclically; the shape is kept.</summary>
public sealed partial class RollOp : OpDefinition
{
    public RollOp()
    {
        Forms = OpForms.Both;
        TakesIds = true;
        OutputKind = null;
    }

    public override string Name => "roll";

    public override string Summary => "shifts elements cyclically along axes, as torch.roll: x.roll((-3, -3), (0, 1)) on [H, W, C] is Swin's cyclic shift; one shift per axis";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Ints("shifts"), Args.Ints("dims") };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.Roll(input, a.Ints("shifts"), a.Ints("dims"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.Roll({c.Input}, {c["shifts"]}, {c["dims"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.Roll({c["shifts"]}, {c["dims"]})";
}
