using System.Linq;

namespace NetDsl.Diagrams;

/// <summary>
/// The size of a box from its text. Boxes are drawn in a monospace font, so a line's width is known without measuring
/// it: a layout engine sizes boxes with these numbers and the SVG writer places text with the same ones.
/// </summary>
public static class BoxMetrics
{
    public const double FontSize = 12;

    /// <summary>The advance of one character of a monospace font at <see cref="FontSize"/> (DejaVu Sans Mono's 0.602 em).</summary>
    public const double CharWidth = 7.3;

    public const double LineHeight = 16;

    public const double PaddingX = 10;

    public const double PaddingY = 6;

    public static double Width(DiagramNode node) => DiagramLabels.Lines(node).Max(l => l.Length) * CharWidth + 2 * PaddingX;

    public static double Height(DiagramNode node) => DiagramLabels.Lines(node).Count * LineHeight + 2 * PaddingY;
}
