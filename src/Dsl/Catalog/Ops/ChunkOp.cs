using System.Collections.Generic;

namespace NetDsl.Catalog.Ops;

/// <summary><c>x.chunk(chunks, dim: 0)</c>: an axis cut into pieces, several values (torch.chunk); a function only.</summary>
public sealed partial class ChunkOp : OpDefinition
{
    public ChunkOp()
    {
        Forms = OpForms.Function;
        TakesIds = true;
        ReturnsSeveral = true;
    }

    public override string Name => "chunk";

    public override string Summary => "cuts an axis into that many pieces of ceil(size / chunks), several values: (a, b) = x.chunk(2) (ShuffleNet's channel split)";

    public override IReadOnlyList<ArgSpec> Arguments { get; } = new[] { Args.Int("chunks"), Args.Int("dim", 0) };

    public override ShapeResult Infer(OpArguments a, Shape input, string path) => ShapeRules.Chunk(input, a.Int("chunks"), a.Int("dim"), Name, path);

    public override string EmitShape(OpCode c, string pathCode) => $"ShapeRules.Chunk({c.Input}, {c["chunks"]}, {c["dim"]}, \"{Name}\", {pathCode})";

    public override string EmitModule(OpCode c) => $"NetDslLayers.Chunk({c["chunks"]}, {c.BatchAxis("dim")})";
}
