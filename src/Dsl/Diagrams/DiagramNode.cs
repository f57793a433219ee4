namespace NetDsl.Diagrams;

/// <summary>
/// One box of a <see cref="Diagram"/>: <see cref="Name"/> is the layer's path relative to the diagram's scope (its
/// state_dict prefix; empty for merges and functions, which have none), <see cref="Operation"/> the op as the summary
/// row writes it, <see cref="Shape"/> the output shape of one sample.
/// </summary>
public sealed record DiagramNode(string Id, DiagramNodeKind Kind, string Name, string Operation, string Shape)
{
    /// <summary>A block call's own diagram (<see cref="Diagram.Name"/> in <see cref="NetworkDiagram.Blocks"/>); null for every other node.</summary>
    public string? Expansion { get; init; }

    /// <summary>How many chained copies the box stands for (<c>GptBlock(12) * 12</c>); 1 for a single layer.</summary>
    public int Copies { get; init; } = 1;

    /// <summary>The group the node lies in (<c>features</c>, <c>transformer</c>, a parallel copy <c>branch.1</c>), by its path; empty at the top.</summary>
    public string Cluster { get; init; } = "";
}
