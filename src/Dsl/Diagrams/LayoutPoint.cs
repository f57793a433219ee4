namespace NetDsl.Diagrams;

/// <summary>A point of a laid-out diagram, in SVG's coordinates (pixels, y down).</summary>
public readonly record struct LayoutPoint(double X, double Y);
