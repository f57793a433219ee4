using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>select(dim, index)</c>, written <c>x[i]</c> on a value: one element along an axis, which disappears (tensor.select).</summary>
public sealed partial class SelectOp : OpDefinition
{
    public SelectOp()
    {
        Forms = OpForms.Both;
        TakesIds = true;
    }

    public override string Name => "select";

    public override string Summary => "one element along an axis, which disappears: x[0] on [t, 768] is [768] (the class token); negative from the end";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Int("dim"), Args.Int("index") };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.Select(input, a.Int("dim"), a.Int("index"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.Select({c.Input}, {c["dim"]}, {c["index"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.Select({c.BatchAxis("dim")}, {c["index"]})";
}
