using System.Globalization;
using System.Linq;
using System.Text;

namespace NetDsl.Diagrams;

/// <summary>
/// Writes a laid-out diagram as a standalone SVG: a box per node in its kind's colours (the name in bold, the op, the
/// output shape), edges as curves with arrowheads, and block boxes as links (<c>&lt;a href&gt;</c>) to the SVG of the
/// block's own diagram, so a browser expands them with a click.
/// </summary>
public static class SvgWriter
{
    private const double Margin = 12;

    /// <param name="link">The address of an expansion's SVG from its name (by default <c>name.svg</c>, beside this one).</param>
    public static string Write(DiagramLayout layout, System.Func<string, string>? link = null)
    {
        link ??= name => name + ".svg";
        // The title may be wider than a narrow drawing (a block of one box): the picture is as wide as the wider.
        var width = System.Math.Max(layout.Width, layout.Diagram.Title.Length * BoxMetrics.CharWidth) + 2 * Margin;
        var height = layout.Height + 2 * Margin + BoxMetrics.LineHeight + 8;
        var svg = new StringBuilder();
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" ")
            .Append("width=\"").Append(N(width)).Append("\" height=\"").Append(N(height)).Append("\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height)).Append("\" ")
            .Append("font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"").Append(N(BoxMetrics.FontSize)).Append("\">\n");
        svg.Append("  <title>").Append(Xml(layout.Diagram.Title)).Append("</title>\n");
        svg.Append("  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">")
            .Append("<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555555\"/></marker></defs>\n");
        svg.Append("  <style>.name{font-weight:bold}.shape{fill:#2a5d9f}.order{font-size:10px;fill:#555555}</style>\n");
        svg.Append("  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.Append("  <text x=\"").Append(N(Margin)).Append("\" y=\"").Append(N(Margin + BoxMetrics.FontSize)).Append("\" font-weight=\"bold\">").Append(Xml(layout.Diagram.Title)).Append("</text>\n");
        var top = Margin + BoxMetrics.LineHeight + 8;
        svg.Append("  <g transform=\"translate(").Append(N(Margin)).Append(' ').Append(N(top)).Append(")\">\n");
        svg.Append("    <g class=\"edges\" fill=\"none\" stroke=\"#555555\" stroke-width=\"1.2\">\n");
        foreach (var edge in layout.Edges)
        {
            var path = new StringBuilder();
            var first = edge.Curves.Count > 0 ? edge.Curves[0].Start : edge.Tip;
            path.Append("M ").Append(N(first.X)).Append(' ').Append(N(first.Y));
            foreach (var curve in edge.Curves)
            {
                path.Append(" C ").Append(P(curve.Control1)).Append(' ').Append(P(curve.Control2)).Append(' ').Append(P(curve.End));
            }
            path.Append(" L ").Append(P(edge.Tip));
            svg.Append("      <path d=\"").Append(path).Append("\" marker-end=\"url(#arrow)\"/>\n");
        }
        svg.Append("    </g>\n");
        foreach (var (edge, at) in Ordered(layout))
        {
            svg.Append("    <text class=\"order\" x=\"").Append(N(at.X + 4)).Append("\" y=\"").Append(N(at.Y)).Append("\">").Append(edge.Edge.Input + 1).Append("</text>\n");
        }
        foreach (var box in layout.Boxes) Box(svg, box, link);
        svg.Append("  </g>\n</svg>\n");
        return svg.ToString();
    }

    private static void Box(StringBuilder svg, LayoutBox box, System.Func<string, string> link)
    {
        var node = box.Node;
        var (fill, stroke) = node.Kind switch
        {
            DiagramNodeKind.Input or DiagramNodeKind.Output => ("#e8f1fb", "#4a78b0"),
            DiagramNodeKind.Block => ("#fdf1dc", "#c08a2a"),
            DiagramNodeKind.Merge => ("#eef7ea", "#5a9a4a"),
            DiagramNodeKind.Function => ("#f4f4f4", "#888888"),
            DiagramNodeKind.Tensor => ("#f3ecfa", "#8a63b8"),
            _ => ("#ffffff", "#333333"),
        };
        var radius = node.Kind switch
        {
            DiagramNodeKind.Input or DiagramNodeKind.Output => box.Height / 2,
            DiagramNodeKind.Merge => 12,
            DiagramNodeKind.Function => 8,
            _ => 3,
        };
        var indent = "    ";
        if (node.Expansion is { } expansion)
        {
            svg.Append(indent).Append("<a href=\"").Append(Xml(link(expansion))).Append("\" xlink:href=\"").Append(Xml(link(expansion))).Append("\">\n");
            indent += "  ";
        }
        svg.Append(indent).Append("<g class=\"node ").Append(node.Kind.ToString().ToLowerInvariant()).Append("\" id=\"").Append(Xml(node.Id)).Append("\">\n");
        svg.Append(indent).Append("  <title>").Append(Xml(string.Join(" ", DiagramLabels.Lines(node)))).Append("</title>\n");
        svg.Append(indent).Append("  <rect x=\"").Append(N(box.X)).Append("\" y=\"").Append(N(box.Y)).Append("\" width=\"").Append(N(box.Width)).Append("\" height=\"").Append(N(box.Height))
            .Append("\" rx=\"").Append(N(radius)).Append("\" fill=\"").Append(fill).Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(node.Kind == DiagramNodeKind.Block ? "2.4" : "1.2").Append("\"/>\n");
        if (node.Kind == DiagramNodeKind.Block || node.Copies > 1)
        {
            // A stack behind the box says "there is more": a block to open, or copies of a chain.
            svg.Append(indent).Append("  <path d=\"M ").Append(N(box.X + 4)).Append(' ').Append(N(box.Y + box.Height + 3)).Append(" H ").Append(N(box.X + box.Width + 3))
                .Append(" V ").Append(N(box.Y + 4)).Append("\" fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"1.2\"/>\n");
        }
        var lines = DiagramLabels.Lines(node);
        var y = box.Y + BoxMetrics.PaddingY + BoxMetrics.LineHeight - 4;
        for (var i = 0; i < lines.Count; i++)
        {
            var name = i == 0 && node.Name.Length > 0;
            var shape = i == lines.Count - 1 && node.Shape.Length > 0 && lines.Count > 1;
            svg.Append(indent).Append("  <text").Append(name ? " class=\"name\"" : shape ? " class=\"shape\"" : "").Append(" x=\"").Append(N(box.X + box.Width / 2)).Append("\" y=\"").Append(N(y))
                .Append("\" text-anchor=\"middle\" xml:space=\"preserve\">").Append(Xml(lines[i])).Append("</text>\n");
            y += BoxMetrics.LineHeight;
        }
        svg.Append(indent).Append("</g>\n");
        if (node.Expansion is not null) svg.Append("    </a>\n");
    }

    /// <summary>
    /// The edges into a box whose inputs are not interchangeable (a concat, a block of several inputs), each with where its
    /// input's number goes: on its last piece, shortly before the arrowhead. The layout orders boxes to spare crossings,
    /// not by input, so the numbers say which is first.
    /// </summary>
    private static System.Collections.Generic.IEnumerable<(LayoutEdge Edge, LayoutPoint At)> Ordered(DiagramLayout layout)
    {
        var nodes = layout.Boxes.ToDictionary(b => b.Node.Id, b => b.Node);
        foreach (var group in layout.Edges.GroupBy(e => e.Edge.To))
        {
            var target = nodes[group.Key];
            var ordered = target.Kind == DiagramNodeKind.Block || target.Kind == DiagramNodeKind.Merge && target.Operation.StartsWith("concat", System.StringComparison.Ordinal);
            if (!ordered || group.Select(e => e.Edge.Input).Distinct().Count() < 2) continue;
            foreach (var edge in group)
            {
                var last = edge.Curves.Count > 0 ? edge.Curves[edge.Curves.Count - 1] : LayoutCurve.Line(edge.Tip, edge.Tip);
                yield return (edge, Bezier(last, 0.55));
            }
        }
    }

    private static LayoutPoint Bezier(LayoutCurve c, double t)
    {
        var u = 1 - t;
        double Axis(double a, double b, double d, double e) => u * u * u * a + 3 * u * u * t * b + 3 * u * t * t * d + t * t * t * e;
        return new LayoutPoint(Axis(c.Start.X, c.Control1.X, c.Control2.X, c.End.X), Axis(c.Start.Y, c.Control1.Y, c.Control2.Y, c.End.Y));
    }

    private static string P(LayoutPoint point) => N(point.X) + " " + N(point.Y);

    private static string N(double value) => System.Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Xml(string text) => new StringBuilder(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").ToString();
}
