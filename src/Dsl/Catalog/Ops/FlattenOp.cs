namespace NetDsl.Catalog.Ops;

/// <summary><c>flatten</c>: [C, H, W] to [C·H·W] (nn.Flatten).</summary>
public sealed class FlattenOp : OpDefinition
{
    public override string Name => "flatten";

    public override string Summary => "flattens a sample to a vector: [C, H, W] becomes [C*H*W] (nn.Flatten)";

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.Flatten(input, Name, path);

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.Flatten({c.Input}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => "nn.Flatten()";
}
