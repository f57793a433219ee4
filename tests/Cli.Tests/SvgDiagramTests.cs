using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using NetDsl.Compiler;
using NetDsl.Diagrams;
using Xunit;

namespace NetDsl.Cli.Tests;

/// <summary>
/// Every zoo network's diagrams laid out by MSAGL and written as SVG: well-formed XML, one box per node, one arrow per
/// value, no two boxes overlapping, every edge leaving its source and ending with its arrowhead on its target, and
/// block boxes linking to the diagrams of their expansions.
/// </summary>
public class SvgDiagramTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly Lazy<IReadOnlyDictionary<string, NetworkDiagram>> Zoo = new(() =>
    {
        var folder = Path.Combine(RepositoryRoot(), "examples", "Zoo");
        var sources = Directory.GetFiles(folder, "*.net").OrderBy(f => f, StringComparer.Ordinal).Select(f => new DslSource(f, File.ReadAllText(f))).ToList();
        return NetworkDiagrams.Of(sources).Diagrams;
    });

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NetDsl.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("NetDsl.sln not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> Networks() => new() { "ResNet50", "InceptionV3", "GoogLeNetAux", "MobileNetV2", "VitB16", "Gpt2", "SwinT", "DenseNet121" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Every_diagram_of_the_network_lays_out_without_overlaps_and_writes_well_formed_svg(string network)
    {
        var diagrams = Zoo.Value[network];
        var names = diagrams.All.Select(d => d.Name).ToHashSet();
        foreach (var diagram in diagrams.All)
        {
            var layout = MsaglLayout.Lay(diagram);

            Assert.Equal(diagram.Nodes.Count, layout.Boxes.Count);
            for (var i = 0; i < layout.Boxes.Count; i++)
            {
                for (var j = i + 1; j < layout.Boxes.Count; j++)
                    Assert.False(layout.Boxes[i].Overlaps(layout.Boxes[j]), $"{diagram.Name}: boxes '{layout.Boxes[i].Node.Name}' and '{layout.Boxes[j].Node.Name}' overlap");
                var box = layout.Boxes[i];
                Assert.True(box.X >= -0.5 && box.Y >= -0.5 && box.X + box.Width <= layout.Width + 0.5 && box.Y + box.Height <= layout.Height + 0.5, $"{diagram.Name}: '{box.Node.Name}' lies outside the drawing");
                // The box is as wide as its longest line of text.
                Assert.True(box.Width >= BoxMetrics.Width(box.Node) - 0.5);
            }
            var boxes = layout.Boxes.ToDictionary(b => b.Node.Id);
            foreach (var edge in layout.Edges)
            {
                Assert.NotEmpty(edge.Curves);
                Assert.True(Distance(edge.Curves[0].Start, boxes[edge.Edge.From]) < 2, $"{diagram.Name}: an edge does not leave '{boxes[edge.Edge.From].Node.Name}'");
                Assert.True(Distance(edge.Tip, boxes[edge.Edge.To]) < 2, $"{diagram.Name}: an arrow does not reach '{boxes[edge.Edge.To].Node.Name}'");
                // Values flow down: the arrow ends below where it starts.
                Assert.True(edge.Tip.Y > edge.Curves[0].Start.Y, $"{diagram.Name}: an edge into '{boxes[edge.Edge.To].Node.Name}' goes up");
            }

            var svg = XDocument.Parse(SvgWriter.Write(layout));
            // The title fits: the picture is at least as wide as its text.
            Assert.True(double.Parse((string)svg.Root!.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture) >= diagram.Title.Length * BoxMetrics.CharWidth, $"{diagram.Name}: the title is cut off");
            var groups = svg.Descendants(Svg + "g").Where(g => ((string?)g.Attribute("class"))?.StartsWith("node ") == true).ToList();
            Assert.Equal(diagram.Nodes.Select(n => n.Id), groups.Select(g => (string)g.Attribute("id")!));
            Assert.All(groups, g => Assert.Single(g.Elements(Svg + "rect")));
            var arrows = svg.Descendants(Svg + "path").Where(p => (string?)p.Attribute("marker-end") == "url(#arrow)").ToList();
            Assert.Equal(diagram.Edges.Count, arrows.Count);
            var links = svg.Descendants(Svg + "a").Select(a => ((string)a.Attribute("href")!)).ToList();
            Assert.Equal(diagram.Nodes.Count(n => n.Expansion is not null), links.Count);
            Assert.All(links, link => Assert.Contains(link[..^".svg".Length], names));
        }
    }

    /// <summary>How far <paramref name="point"/> lies from the border of <paramref name="box"/> (0 on it).</summary>
    private static double Distance(LayoutPoint point, LayoutBox box)
    {
        var dx = Math.Max(Math.Max(box.X - point.X, point.X - (box.X + box.Width)), 0);
        var dy = Math.Max(Math.Max(box.Y - point.Y, point.Y - (box.Y + box.Height)), 0);
        var outside = Math.Sqrt(dx * dx + dy * dy);
        if (outside > 0) return outside;
        return Math.Min(Math.Min(point.X - box.X, box.X + box.Width - point.X), Math.Min(point.Y - box.Y, box.Y + box.Height - point.Y));
    }
}
