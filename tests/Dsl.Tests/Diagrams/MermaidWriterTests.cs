using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using NetDsl.Compiler;
using NetDsl.Diagrams;
using Xunit;

namespace NetDsl.DslTests.Diagrams;

/// <summary>
/// Mermaid text as GitHub's renderer reads it: every line a header, a node with a quoted label in its kind's shape, a
/// subgraph, an edge between defined nodes or a class definition; labels hold no raw quote, angle bracket or ampersand.
/// </summary>
public class MermaidWriterTests
{
    private static readonly Regex NodeLine = new("^ +([A-Za-z0-9_]+)(\\(\\[|\\[\\[|\\{\\{|\\[\\(|\\(|\\[)\"([^\"]*)\"(\\]\\)|\\]\\]|\\}\\}|\\)\\]|\\)|\\])(:::[a-z]+)?$");
    private static readonly Regex SubgraphLine = new("^ +subgraph ([A-Za-z0-9_]+)\\[\"([^\"]*)\"\\]$");
    private static readonly Regex EdgeLine = new("^ +([A-Za-z0-9_]+) --> ([A-Za-z0-9_]+)$");

    /// <summary>The Mermaid text's nodes (id to label), subgraphs and edges, after checking every line's form.</summary>
    private static (Dictionary<string, string> Nodes, List<string> Subgraphs, List<(string From, string To)> Edges) Parse(string text)
    {
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal("flowchart TB", lines[0]);
        var nodes = new Dictionary<string, string>();
        var subgraphs = new List<string>();
        var edges = new List<(string, string)>();
        var depth = 0;
        foreach (var line in lines.Skip(1))
        {
            if (NodeLine.Match(line) is { Success: true } node)
            {
                // The opening and closing brackets belong together: "([" with "])", "[[" with "]]" ...
                var pair = node.Groups[2].Value + node.Groups[4].Value;
                Assert.Contains(pair, new[] { "([])", "[[]]", "{{}}", "[()]", "()", "[]" });
                nodes.Add(node.Groups[1].Value, node.Groups[3].Value);
            }
            else if (SubgraphLine.Match(line) is { Success: true } subgraph)
            {
                subgraphs.Add(subgraph.Groups[2].Value);
                depth++;
            }
            else if (line.Trim() == "end") Assert.True(--depth >= 0, "an 'end' without its subgraph");
            else if (EdgeLine.Match(line) is { Success: true } edge) edges.Add((edge.Groups[1].Value, edge.Groups[2].Value));
            else Assert.StartsWith("  classDef ", line);
        }
        Assert.Equal(0, depth);
        foreach (var (from, to) in edges)
        {
            Assert.Contains(from, nodes.Keys);
            Assert.Contains(to, nodes.Keys);
        }
        foreach (var label in nodes.Values.Concat(subgraphs))
        {
            Assert.DoesNotMatch("[\"&`]|<(?!br/>)|(?<!<br/)>", label);
        }
        return (nodes, subgraphs, edges);
    }

    private static NetworkDiagram Of(string text, string network) => NetworkDiagrams.Of(new[] { new DslSource("test.net", text) }).Diagrams[network];

    private const string Transformer = """
        block Encoder(heads) {
          x = input + (input |> ln_1: layer_norm |> attn: gpt_attention(heads))
          x + (x |> ln_2: layer_norm |> "mlp": (linear(16) |> gelu |> linear(8)))
        }
        network Tiny(n = 2) {
          input tokens [t <= 16]
          x = input |> embed: embedding(10, 8)
          x |> layers: Encoder(2) * n |> head: linear(10)
        }
        """;

    [Fact]
    public void Every_line_has_Mermaid_s_form_with_one_node_per_box_and_one_edge_per_value()
    {
        var diagrams = Of(Transformer, "Tiny");

        var (nodes, subgraphs, edges) = Parse(MermaidWriter.Write(diagrams, diagrams.Network));

        Assert.Equal(diagrams.Network.Nodes.Count, nodes.Count);
        Assert.Equal(diagrams.Network.Edges.Count, edges.Count);
        Assert.Empty(subgraphs);
        // The symbolic input's bound is written with entity codes: "<=" would be read as markup.
        Assert.Equal("input<br/>[t #60;= 16]", nodes["n0"]);
        Assert.Equal("layers<br/>Encoder(2) × 2<br/>[t, 8]", nodes[diagrams.Network.Nodes.Single(n => n.Name == "layers").Id]);
    }

    [Fact]
    public void Groups_are_subgraphs_and_inlined_blocks_are_subgraphs_of_their_own_diagram()
    {
        var diagrams = Of(Transformer, "Tiny");
        var block = diagrams.Block(diagrams.Network.Nodes.Single(n => n.Name == "layers").Expansion!)!;

        var (_, groups, _) = Parse(MermaidWriter.Write(diagrams, block));
        Assert.Equal(new[] { "mlp" }, groups);

        var (nodes, subgraphs, edges) = Parse(MermaidWriter.Write(diagrams, diagrams.Network, inlineBlocks: true));
        Assert.Equal(new[] { "layers: Encoder(2)", "mlp" }, subgraphs);
        // The block box is replaced by the block's boxes; the values into and out of it meet its input and output.
        Assert.Equal(diagrams.Network.Nodes.Count - 1 + block.Nodes.Count, nodes.Count);
        var blockInput = nodes.Single(n => n.Key.EndsWith("_n0")).Key;
        Assert.Contains(edges, e => nodes[e.From].StartsWith("embed") && e.To == blockInput);
    }

    [Theory]
    [InlineData("say \"hi\"", "say #34;hi#34;")]
    [InlineData("[t <= 8] & more", "[t #60;= 8] #38; more")]
    [InlineData("#1 `x` > y", "#35;1 #96;x#96; #62; y")]
    public void Labels_escape_what_a_quoted_label_cannot_hold(string text, string escaped)
    {
        Assert.Equal(escaped, MermaidWriter.Escape(text));
    }
}
