using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>reshape(dims...)</c>: same elements, any rank; one size may be -1 (inferred), which also keeps a symbolic axis.</summary>
public sealed partial class ReshapeOp : OpDefinition
{
    public ReshapeOp()
    {
        Forms = OpForms.Both;
        TakesIds = true;
    }

    public override string Name => "reshape";

    public override string Summary => "reshapes a sample to the sizes given, any rank; one size may be -1 (inferred; it also keeps a symbolic axis); the element count must stay the same";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Rest("dims") };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.Reshape(input, a.Ints("dims"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.Reshape({c.Input}, {c["dims"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.Reshape({c["dims"]})";
}
