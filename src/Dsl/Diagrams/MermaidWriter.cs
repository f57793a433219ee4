using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetDsl.Diagrams;

/// <summary>
/// Writes a diagram as a Mermaid flowchart (<c>flowchart TB</c>) for Markdown: one node per box in its kind's shape,
/// groups as subgraphs, and, with <c>inlineBlocks</c>, every block box replaced by a subgraph of its own diagram.
/// Labels are quoted, with Mermaid's entity codes for the characters a quoted label cannot hold.
/// </summary>
public static class MermaidWriter
{
    public static string Write(NetworkDiagram diagrams, Diagram diagram, bool inlineBlocks = false)
    {
        var text = new StringBuilder("flowchart TB\n");
        var edges = new List<string>();
        Emit(text, edges, diagrams, diagram, "", 1, inlineBlocks);
        foreach (var edge in edges) text.Append("  ").Append(edge).Append('\n');
        text.Append("  classDef input fill:#e8f1fb,stroke:#4a78b0\n");
        text.Append("  classDef block fill:#fdf1dc,stroke:#c08a2a,stroke-width:2px\n");
        text.Append("  classDef merge fill:#eef7ea,stroke:#5a9a4a\n");
        text.Append("  classDef function fill:#f4f4f4,stroke:#888888\n");
        return text.ToString();
    }

    /// <summary>Where edges that meet a box end inside the diagram drawn for it: its inputs (by index) and its output.</summary>
    private readonly record struct Ends(IReadOnlyList<string> Inputs, string Output);

    private static Ends Emit(StringBuilder text, List<string> edges, NetworkDiagram diagrams, Diagram diagram, string prefix, int depth, bool inlineBlocks)
    {
        var inlined = new Dictionary<string, Ends>();
        var clusters = Clusters(diagram.Nodes);
        void EmitCluster(string cluster, int indent)
        {
            foreach (var node in diagram.Nodes.Where(n => n.Cluster == cluster))
            {
                if (inlineBlocks && node.Expansion is { } name && diagrams.Block(name) is { } expansion)
                {
                    Indent(text, indent).Append("subgraph ").Append(prefix + node.Id).Append("[\"").Append(Escape(string.Join(": ", new[] { node.Name, node.Operation }.Where(s => s.Length > 0)))).Append("\"]\n");
                    inlined[node.Id] = Emit(text, edges, diagrams, expansion, prefix + node.Id + "_", indent + 1, inlineBlocks);
                    Indent(text, indent).Append("end\n");
                }
                else Indent(text, indent).Append(prefix + node.Id).Append(Shape(node)).Append('\n');
            }
            foreach (var child in clusters.Where(c => Parent(c) == cluster))
            {
                Indent(text, indent).Append("subgraph ").Append(prefix).Append("g").Append(clusters.IndexOf(child).ToString(CultureInfo.InvariantCulture)).Append("[\"").Append(Escape(child)).Append("\"]\n");
                EmitCluster(child, indent + 1);
                Indent(text, indent).Append("end\n");
            }
        }
        EmitCluster("", depth);
        foreach (var edge in diagram.Edges)
        {
            var from = inlined.TryGetValue(edge.From, out var source) ? source.Output : prefix + edge.From;
            var to = inlined.TryGetValue(edge.To, out var target) ? target.Inputs[System.Math.Min(edge.Input, target.Inputs.Count - 1)] : prefix + edge.To;
            edges.Add(from + " --> " + to);
        }
        var inputs = diagram.Nodes.Where(n => n.Kind == DiagramNodeKind.Input).Select(n => prefix + n.Id).ToList();
        var output = diagram.Nodes.LastOrDefault(n => n.Kind == DiagramNodeKind.Output) is { } last ? prefix + last.Id : prefix;
        return new Ends(inputs, output);
    }

    /// <summary>Every group the boxes lie in, with the groups around them (a parallel around its copies), outer first.</summary>
    private static List<string> Clusters(IEnumerable<DiagramNode> nodes)
    {
        var clusters = new List<string>();
        foreach (var node in nodes)
        {
            for (var path = node.Cluster; path.Length > 0; path = Parent(path))
            {
                if (!clusters.Contains(path)) clusters.Add(path);
            }
        }
        clusters.Sort(System.StringComparer.Ordinal);
        return clusters;
    }

    private static string Parent(string cluster) => cluster.LastIndexOf('.') is var dot and >= 0 ? cluster.Substring(0, dot) : "";

    private static StringBuilder Indent(StringBuilder text, int depth) => text.Append(' ', 2 * depth);

    private static string Shape(DiagramNode node)
    {
        var label = "\"" + string.Join("<br/>", DiagramLabels.Lines(node).Select(Escape)) + "\"";
        var shape = node.Kind switch
        {
            DiagramNodeKind.Input or DiagramNodeKind.Output => "([" + label + "])",
            DiagramNodeKind.Block => "[[" + label + "]]",
            DiagramNodeKind.Merge => "{{" + label + "}}",
            DiagramNodeKind.Function => "(" + label + ")",
            DiagramNodeKind.Tensor => "[(" + label + ")]",
            _ => "[" + label + "]",
        };
        var style = node.Kind switch
        {
            DiagramNodeKind.Input or DiagramNodeKind.Output => ":::input",
            DiagramNodeKind.Block => ":::block",
            DiagramNodeKind.Merge => ":::merge",
            DiagramNodeKind.Function => ":::function",
            _ => "",
        };
        return shape + style;
    }

    /// <summary>
    /// A label's text with Mermaid's numeric entity codes for what a quoted label cannot hold or would read as markup:
    /// quotes, angle brackets, ampersands, backticks and the code sign itself.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '"' or '<' or '>' or '&' or '#' or '`' or '\\') escaped.Append('#').Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
            else escaped.Append(c);
        }
        return escaped.ToString();
    }
}
