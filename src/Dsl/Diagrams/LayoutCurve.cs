namespace NetDsl.Diagrams;

/// <summary>One cubic Bézier piece of an edge (a straight piece has its controls on the line).</summary>
public readonly record struct LayoutCurve(LayoutPoint Start, LayoutPoint Control1, LayoutPoint Control2, LayoutPoint End)
{
    public static LayoutCurve Line(LayoutPoint start, LayoutPoint end) => new(start, start, end, end);
}
