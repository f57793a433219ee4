using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>reshape(c, h, w)</c> or <c>reshape(n)</c>: same elements, new shape (checked).</summary>
public sealed class ReshapeOp : OpDefinition
{
    public override string Name => "reshape";

    public override string Summary => "reshapes a sample to [C, H, W] or [N]; the element count must stay the same";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[]
    {
        Args.Int("size"), new ArgSpec("height", ArgType.Int, Optional: true), new ArgSpec("width", ArgType.Int, Optional: true),
    };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.Reshape(input, Dims(a), Name, path);

    private static long[] Dims(OpArguments a)
    {
        var dims = new List<long> { a.Int("size") };
        if (a.Has("height")) dims.Add(a.Int("height"));
        if (a.Has("width")) dims.Add(a.Int("width"));
        return dims.ToArray();
    }

    private static string DimsCode(OpCode c) =>
        "new long[] { " + c["size"] + (c.Has("height") ? ", " + c["height"] : "") + (c.Has("width") ? ", " + c["width"] : "") + " }";

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.Reshape({c.Input}, {DimsCode(c)}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.Reshape({DimsCode(c)})";
}
