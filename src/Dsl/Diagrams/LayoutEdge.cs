using System.Collections.Generic;

namespace NetDsl.Diagrams;

/// <summary>An edge as routed: its pieces from the source box to the base of its arrowhead, and the arrowhead's tip on the target box.</summary>
public sealed record LayoutEdge(DiagramEdge Edge, IReadOnlyList<LayoutCurve> Curves, LayoutPoint Tip);
