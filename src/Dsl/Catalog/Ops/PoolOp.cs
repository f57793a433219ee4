using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>maxpool</c> / <c>avgpool(kernel, stride: kernel, padding: 0, ceil: false)</c>.</summary>
public sealed partial class PoolOp : OpDefinition
{
    private readonly bool _max;

    public PoolOp(bool max)
    {
        _max = max;
        Arguments = new[] { Args.Pair("kernel"), Args.PairFrom("stride", "kernel"), Args.Padding(0), Args.Bool("ceil", false) };
    }

    public override string Name => _max ? "maxpool" : "avgpool";

    public override string Summary => _max
        ? "2-D max pooling (nn.MaxPool2d); stride defaults to the kernel; padding int, (h, w), same or valid; ceil rounds the output size up"
        : "2-D average pooling (nn.AvgPool2d, padding counted as zeros); stride defaults to the kernel";

    public override IReadOnlyList<ArgSpec> Arguments { get; }

    public override ShapeResult Infer(OpArguments a, Shape input, string path)
    {
        var (kh, kw) = a.Pair("kernel");
        var (sh, sw) = a.Pair("stride");
        return ShapeRules.Pool2d(input, kh, kw, sh, sw, a.Padding("padding"), a.Bool("ceil"), Name, path);
    }

    public override string EmitShape(OpCode c, string pathCode) =>
        $"ShapeRules.Pool2d({c.Input}, {c.Pair("kernel").H}, {c.Pair("kernel").W}, {c.Pair("stride").H}, {c.Pair("stride").W}, {c["padding"]}, {c["ceil"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => c.HasPair("padding")
        ? $"nn.{(_max ? "MaxPool2d" : "AvgPool2d")}({c["kernel"]}, stride: {c["stride"]}, padding: ({c.Pair("padding").H}, {c.Pair("padding").W}), ceil_mode: {c["ceil"]})"
        : $"NetDslLayers.Pool2d(max: {(_max ? "true" : "false")}, {c.Input}, {c["kernel"]}, {c["stride"]}, {c["padding"]}, {c["ceil"]})";
}
