namespace NetDsl.Catalog.Ops;

/// <summary><c>global_avgpool</c> / <c>global_maxpool</c>: [C, H, W] to [C], as Keras' GlobalAveragePooling2D.</summary>
public sealed partial class GlobalPoolOp : OpDefinition
{
    private readonly bool _max;

    public GlobalPoolOp(bool max) => _max = max;

    public override string Name => _max ? "global_maxpool" : "global_avgpool";

    public override string Summary => $"{(_max ? "maximum" : "average")} over the whole map: [C, H, W] becomes [C]";

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.GlobalPool(input, Name, path);

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.GlobalPool({c.Input}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.GlobalPool(max: {(_max ? "true" : "false")})";
}
