namespace NetDsl.Diagrams;

/// <summary>Where a box of the diagram lies: its top-left corner and size (from <see cref="DiagramLabels"/>' text and <see cref="BoxMetrics"/>).</summary>
public sealed record LayoutBox(DiagramNode Node, double X, double Y, double Width, double Height)
{
    public bool Overlaps(LayoutBox other) =>
        X < other.X + other.Width && other.X < X + Width && Y < other.Y + other.Height && other.Y < Y + Height;
}
