using System.Collections.Generic;

namespace NetDsl.Diagrams;

/// <summary>
/// A diagram laid out by a layout engine (the command line and the build use MSAGL's layered layout, project
/// src/Diagrams): every box placed, every edge routed, the drawing's size. <see cref="SvgWriter"/> draws it.
/// </summary>
public sealed record DiagramLayout(Diagram Diagram, IReadOnlyList<LayoutBox> Boxes, IReadOnlyList<LayoutEdge> Edges, double Width, double Height);
