using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>zeropad(top, bottom: top, left: top, right: left)</c> — nn.ZeroPad2d (Keras ZeroPadding2D).</summary>
public sealed partial class ZeroPadOp : OpDefinition
{
    public override string Name => "zeropad";

    public override string Summary => "pads the map with zeros: zeropad(1) on every side, zeropad(0, 1, 0, 1) as (top, bottom, left, right)";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[]
    {
        Args.Int("top"), new ArgSpec("bottom", ArgType.Int, DefaultFrom: "top"), new ArgSpec("left", ArgType.Int, DefaultFrom: "top"), new ArgSpec("right", ArgType.Int, DefaultFrom: "left"),
    };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) =>
        ShapeRules.ZeroPad2d(input, a.Int("top"), a.Int("bottom"), a.Int("left"), a.Int("right"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) =>
        $"ShapeRules.ZeroPad2d({c.Input}, {c["top"]}, {c["bottom"]}, {c["left"]}, {c["right"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"nn.ZeroPad2d(({c["left"]}, {c["right"]}, {c["top"]}, {c["bottom"]}))";
}
