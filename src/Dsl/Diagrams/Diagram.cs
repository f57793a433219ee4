using System.Collections.Generic;

namespace NetDsl.Diagrams;

/// <summary>
/// The graph of one network, or of one block call: boxes in the order the declaration computes them (inputs first,
/// outputs last) and the values between them. <see cref="Name"/> is unique within its <see cref="NetworkDiagram"/> and
/// names its files (<c>ResNet50</c>, <c>ResNet50.layer1.0</c>); <see cref="Title"/> says what it shows.
/// </summary>
public sealed record Diagram(string Name, string Title, IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges);
