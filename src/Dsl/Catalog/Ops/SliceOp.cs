using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>slice(dim, start: 0, stop: end, step: 1)</c>, written <c>x[start:stop:step]</c> on a value (Python's slices; past the end is an error).</summary>
public sealed partial class SliceOp : OpDefinition
{
    public SliceOp()
    {
        Forms = OpForms.Both;
        TakesIds = true;
    }

    public override string Name => "slice";

    public override string Summary => "every step-th element from start up to stop (not included) along an axis: x[0::2] (Swin's patch merging); negative from the end";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Int("dim"), Args.Int("start", 0), Args.OptionalInt("stop"), Args.Int("step", 1) };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) =>
        ShapeRules.Slice(input, a.Int("dim"), a.Int("start"), a.IntOrNull("stop"), a.Int("step"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) =>
        $"ShapeRules.Slice({c.Input}, {c["dim"]}, {c["start"]}, {Stop(c)}, {c["step"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.Slice({c.BatchAxis("dim")}, {c["start"]}, {Stop(c)}, {c["step"]})";

    private static string Stop(OpCode c) => c.Has("stop") ? c["stop"] : "null";
}
