using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary>
/// <c>embedding(count, dim, weight: a tied parameter)</c> — nn.Embedding: a row of <c>dim</c> features for each token id,
/// ids <c>[...]</c> to <c>[..., dim]</c>; key <c>weight [count, dim]</c>.
/// </summary>
public sealed partial class EmbeddingOp : OpDefinition
{
    public EmbeddingOp()
    {
        TakesIds = true;
    }

    public override string Name => "embedding";

    public override string Summary => "a learned row of dim features per token id (nn.Embedding): ids [...] to [..., dim]; weight: names a tied parameter";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Int("count"), Args.Int("dim"), Args.Reference("weight") };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.Embedding(input, a.Int("count"), a.Int("dim"), Name, path);

    /// <summary>A tied weight belongs to the layer that declared it: it is counted there, once.</summary>
    public override ParameterCount CountParameters(OpArguments a, Shape input, Shape output) =>
        new(a.Has("weight") ? 0 : checked(a.Int("count") * a.Int("dim")), 0);

    public override IReadOnlyList<string> StateKeys(OpArguments a) => new[] { "weight" };

    public override long[]? ParameterShape(string key, OpArguments a, Shape input, Shape output) =>
        key == "weight" ? new[] { a.Int("count"), a.Int("dim") } : null;

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.Embedding({c.Input}, {c["count"]}, {c["dim"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => c.Has("weight")
        ? $"NetDslLayers.TiedEmbedding({c.Scope}, {c["weight"]}, {c["count"]}, {c["dim"]}, {c.Path})"
        : $"nn.Embedding({c["count"]}, {c["dim"]})";
}
