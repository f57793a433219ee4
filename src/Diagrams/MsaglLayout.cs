using System.Collections.Generic;
using System.Linq;
using Microsoft.Msagl.Core.Geometry;
using Microsoft.Msagl.Core.Geometry.Curves;
using Microsoft.Msagl.Core.Layout;
using Microsoft.Msagl.Core.Routing;
using Microsoft.Msagl.Layout.Layered;
using Microsoft.Msagl.Miscellaneous;

namespace NetDsl.Diagrams;

/// <summary>
/// Lays a diagram out top to bottom with MSAGL's layered (Sugiyama) layout: inputs on top, every value flowing down,
/// boxes sized by <see cref="BoxMetrics"/>, edges routed as splines around the boxes with room for an arrowhead.
/// </summary>
public static class MsaglLayout
{
    private const double ArrowLength = 8;

    public static DiagramLayout Lay(Diagram diagram)
    {
        var graph = new GeometryGraph();
        var nodes = new Dictionary<string, Node>(System.StringComparer.Ordinal);
        foreach (var node in diagram.Nodes)
        {
            var box = new Node(CurveFactory.CreateRectangle(BoxMetrics.Width(node), BoxMetrics.Height(node), new Point()), node);
            nodes[node.Id] = box;
            graph.Nodes.Add(box);
        }
        var edges = new List<(DiagramEdge Edge, Edge Laid)>();
        foreach (var edge in diagram.Edges)
        {
            var laid = new Edge(nodes[edge.From], nodes[edge.To]);
            laid.EdgeGeometry.TargetArrowhead = new Arrowhead { Length = ArrowLength };
            graph.Edges.Add(laid);
            edges.Add((edge, laid));
        }
        var settings = new SugiyamaLayoutSettings
        {
            LayerSeparation = 28,
            NodeSeparation = 18,
        };
        settings.EdgeRoutingSettings.EdgeRoutingMode = EdgeRoutingMode.SugiyamaSplines;
        LayoutHelpers.CalculateLayout(graph, settings, null);

        // MSAGL's y axis points up; SVG's down. The graph's top-left corner becomes (0, 0).
        var bounds = graph.BoundingBox;
        LayoutPoint At(Point p) => new(p.X - bounds.Left, bounds.Top - p.Y);
        var boxes = diagram.Nodes.Select(n =>
        {
            var box = nodes[n.Id].BoundingBox;
            return new LayoutBox(n, box.Left - bounds.Left, bounds.Top - box.Top, box.Width, box.Height);
        }).ToList();
        var routed = edges.Select(e => new LayoutEdge(e.Edge, Curves(e.Laid.Curve, At), At(e.Laid.EdgeGeometry.TargetArrowhead?.TipPosition ?? e.Laid.Curve.End))).ToList();
        return new DiagramLayout(diagram, boxes, routed, bounds.Width, bounds.Height);
    }

    /// <summary>An MSAGL curve as cubic pieces: its Bézier segments as they are, straight segments as lines.</summary>
    private static IReadOnlyList<LayoutCurve> Curves(ICurve? curve, System.Func<Point, LayoutPoint> at)
    {
        var pieces = new List<LayoutCurve>();
        void Add(ICurve segment)
        {
            switch (segment)
            {
                case Curve composite:
                    foreach (var part in composite.Segments) Add(part);
                    break;
                case CubicBezierSegment bezier:
                    pieces.Add(new LayoutCurve(at(bezier.B(0)), at(bezier.B(1)), at(bezier.B(2)), at(bezier.B(3))));
                    break;
                case null:
                    break;
                case LineSegment line:
                    pieces.Add(LayoutCurve.Line(at(line.Start), at(line.End)));
                    break;
                default:
                    // Any other segment (an arc), followed closely enough by short lines.
                    const int steps = 8;
                    for (var i = 0; i < steps; i++)
                    {
                        var from = segment[segment.ParStart + (segment.ParEnd - segment.ParStart) * i / steps];
                        var to = segment[segment.ParStart + (segment.ParEnd - segment.ParStart) * (i + 1) / steps];
                        pieces.Add(LayoutCurve.Line(at(from), at(to)));
                    }
                    break;
            }
        }
        Add(curve!);
        return pieces;
    }
}
