using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>permute(dims...)</c>: reorders the axes (torchvision's Permute, tensor.permute); sample axes, batch excluded.</summary>
public sealed partial class PermuteOp : OpDefinition
{
    public PermuteOp()
    {
        Forms = OpForms.Both;
        TakesIds = true;
    }

    public override string Name => "permute";

    public override string Summary => "reorders the axes: output axis i is input axis dims[i]; every axis once (permute(1, 2, 0): [C, H, W] to [H, W, C])";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Rest("dims") };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.Permute(input, a.Ints("dims"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.Permute({c.Input}, {c["dims"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.Permute({c["dims"]})";
}
