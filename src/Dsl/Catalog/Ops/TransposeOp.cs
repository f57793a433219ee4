using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>transpose(dim0, dim1)</c>: swaps two axes (tensor.transpose).</summary>
public sealed partial class TransposeOp : OpDefinition
{
    public TransposeOp()
    {
        Forms = OpForms.Both;
        TakesIds = true;
    }

    public override string Name => "transpose";

    public override string Summary => "swaps two axes (transpose(0, 1): [t, 768] to [768, t])";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Int("dim0"), Args.Int("dim1") };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.Transpose(input, a.Int("dim0"), a.Int("dim1"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.Transpose({c.Input}, {c["dim0"]}, {c["dim1"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.Transpose({c.BatchAxis("dim0")}, {c.BatchAxis("dim1")})";
}
