using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>x.split(sizes, dim: 0)</c>: an axis cut into pieces of the sizes given, several values (torch.split); a function only.</summary>
public sealed partial class SplitOp : OpDefinition
{
    public SplitOp()
    {
        Forms = OpForms.Function;
        TakesIds = true;
        ReturnsSeveral = true;
    }

    public override string Name => "split";

    public override string Summary => "cuts an axis into pieces: one size, pieces of that size (the last smaller); several, the pieces' sizes, adding up to the axis";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Ints("sizes"), Args.Int("dim", 0) };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.Split(input, a.Ints("sizes"), a.Int("dim"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.Split({c.Input}, {c["sizes"]}, {c["dim"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.Split({c["sizes"]}, {c.BatchAxis("dim")})";
}
