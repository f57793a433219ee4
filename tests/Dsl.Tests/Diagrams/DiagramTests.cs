using System.Collections.Generic;
using System.Linq;
using NetDsl.Compiler;
using NetDsl.Diagrams;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests.Diagrams;

/// <summary>
/// The graph a diagram draws (<see cref="NetworkDiagrams"/>): a box per layer, merge and function with its path, op and
/// shape, the values between them as declared (branches, merges, several inputs and outputs), chains of copies as one
/// box, groups inline, blocks as boxes that expand into the diagram of their own call.
/// </summary>
public class DiagramTests
{
    private static NetworkDiagram Of(string text, string network)
    {
        var (diagrams, diagnostics) = NetworkDiagrams.Of(new[] { new DslSource("test.net", text) });
        Assert.Empty(diagnostics.Where(d => d.Severity == Diagnostics.DslSeverity.Error).Select(d => d.ToString()));
        return diagrams[network];
    }

    private static DiagramNode Node(Diagram diagram, string name) => diagram.Nodes.Single(n => n.Name == name);

    private static IEnumerable<DiagramNode> Into(Diagram diagram, DiagramNode node) =>
        diagram.Edges.Where(e => e.To == node.Id).OrderBy(e => e.Input).Select(e => diagram.Nodes.Single(n => n.Id == e.From));

    /// <summary>Each edge as "from -> to" by the boxes' names (an op's text for a box without one).</summary>
    private static List<string> Flow(Diagram diagram)
    {
        string Label(string id) => diagram.Nodes.Single(n => n.Id == id) is var n && n.Name.Length > 0 ? n.Name : n.Operation;
        return diagram.Edges.Select(e => Label(e.From) + " -> " + Label(e.To)).ToList();
    }

    [Fact]
    public void A_chain_is_one_box_per_layer_with_its_path_op_and_shape_and_groups_are_drawn_inline()
    {
        var diagram = Of("""
            network SmallCnn(classes = 10) {
              input [1, 28, 28]
              features: (conv(8, 3, padding: 1) |> relu |> maxpool(2))
              flatten
              classifier: linear(classes)
            }
            """, "SmallCnn").Network;

        Assert.Equal(new[] { "input", "features.0", "features.1", "features.2", "1", "classifier", "output" }, diagram.Nodes.Select(n => n.Name));
        Assert.Equal(new[] { "input -> features.0", "features.0 -> features.1", "features.1 -> features.2", "features.2 -> 1", "1 -> classifier", "classifier -> output" }, Flow(diagram));
        var conv = Node(diagram, "features.0");
        Assert.Equal((DiagramNodeKind.Layer, "conv(8, 3, padding: 1)", "[8, 28, 28]", "features"), (conv.Kind, conv.Operation, conv.Shape, conv.Cluster));
        Assert.Equal("", Node(diagram, "classifier").Cluster);
        Assert.Equal(("[1, 28, 28]", DiagramNodeKind.Input), (Node(diagram, "input").Shape, Node(diagram, "input").Kind));
        Assert.Equal("[10]", Node(diagram, "output").Shape);
    }

    [Fact]
    public void A_residual_block_is_a_box_that_expands_into_its_call_with_the_skip_and_the_merge()
    {
        var diagrams = Of("""
            block Residual(f) {
              main = input |> conv1: conv(f, 3, padding: 1) |> bn1: bn
              shortcut = input |> downsample: conv(f, 1) if input.channels != f
              main + shortcut |> relu
            }
            network Net {
              input [3, 8, 8]
              a: Residual(8)
              b: Residual(8)
              global_avgpool
            }
            """, "Net");

        var a = Node(diagrams.Network, "a");
        var b = Node(diagrams.Network, "b");
        Assert.Equal((DiagramNodeKind.Block, "Residual(8)", "[8, 8, 8]"), (a.Kind, a.Operation, a.Shape));
        // The first call projects its shortcut, the second does not: two pictures.
        var first = diagrams.Block(a.Expansion!)!;
        var second = diagrams.Block(b.Expansion!)!;
        Assert.Equal("Net.a", first.Name);
        Assert.Equal("Net.b", second.Name);
        Assert.Contains("downsample", first.Nodes.Select(n => n.Name));
        Assert.DoesNotContain("downsample", second.Nodes.Select(n => n.Name));
        var add = second.Nodes.Single(n => n.Kind == DiagramNodeKind.Merge);
        Assert.Equal("add", add.Operation);
        // The skip: the block's input itself is the add's second input.
        Assert.Equal(new[] { "bn1", "input" }, Into(second, add).Select(n => n.Name));
        Assert.Equal(new[] { "bn1", "downsample" }, Into(first, first.Nodes.Single(n => n.Kind == DiagramNodeKind.Merge)).Select(n => n.Name));
        Assert.Equal(new[] { "input -> conv1", "conv1 -> bn1", "bn1 -> add", "input -> add", "add -> 2", "2 -> output" }, Flow(second));
        Assert.Equal("Residual(8) at b", second.Title);
    }

    [Fact]
    public void Calls_that_draw_the_same_graph_share_one_expansion()
    {
        var diagrams = Of("""
            block ConvRelu(f) = conv(f, 3, padding: 1) |> relu
            network Net {
              input [8, 8, 8]
              a: ConvRelu(8)
              b: ConvRelu(8)
              c: ConvRelu(4)
            }
            """, "Net");

        Assert.Equal(new[] { "Net.a", "Net.a", "Net.c" }, diagrams.Network.Nodes.Where(n => n.Kind == DiagramNodeKind.Block).Select(n => n.Expansion));
        Assert.Equal(new[] { "Net.a", "Net.c" }, diagrams.Blocks.Select(b => b.Name));
    }

    [Fact]
    public void Branches_join_in_a_concat_whose_inputs_keep_their_declared_order()
    {
        var diagram = Of("""
            network Wide {
              input [4, 8, 8]
              concat(conv(2, 1), conv(3, 3, padding: 1) |> relu, maxpool(3, stride: 1, padding: 1))
            }
            """, "Wide").Network;

        var concat = diagram.Nodes.Single(n => n.Kind == DiagramNodeKind.Merge);
        Assert.Equal(("concat", "[9, 8, 8]"), (concat.Operation, concat.Shape));
        Assert.Equal(new[] { "conv(2, 1)", "relu", "maxpool(3, stride: 1, padding: 1)" }, Into(diagram, concat).Select(n => n.Operation));
        Assert.Equal(new[] { 0, 1, 2 }, diagram.Edges.Where(e => e.To == concat.Id).Select(e => e.Input).OrderBy(i => i));
        // Three branches leave the input.
        Assert.Equal(3, diagram.Edges.Count(e => e.From == Node(diagram, "input").Id));
    }

    [Fact]
    public void A_chain_of_copies_is_one_box_that_counts_them_and_expands_into_the_first_copy()
    {
        var diagrams = Of("""
            block Step(f) = conv(f, 3, padding: 1) |> relu
            network Deep {
              input [4, 8, 8]
              convs: conv(4, 3, padding: 1) * 2
              steps: Step(4) * 3
              *: Step(4) * 2
              "layer_{i}": Step(4) * 11
            }
            """, "Deep");
        var diagram = diagrams.Network;

        var convs = Node(diagram, "convs");
        Assert.Equal((DiagramNodeKind.Layer, 2, "conv(4, 3, padding: 1) × 2"), (convs.Kind, convs.Copies, DiagramLabels.Lines(convs)[1]));
        var steps = Node(diagram, "steps");
        Assert.Equal((DiagramNodeKind.Block, 3, "Deep.steps.0"), (steps.Kind, steps.Copies, steps.Expansion));
        // Copies that continue the scope's indexes are named by the first and the last.
        Assert.Equal((DiagramNodeKind.Block, 2), (Node(diagram, "2 … 3").Kind, Node(diagram, "2 … 3").Copies));
        Assert.Equal(11, Node(diagram, "layer_{0…10}").Copies);
        Assert.Equal(new[] { "input -> convs", "convs -> steps", "steps -> 2 … 3", "2 … 3 -> layer_{0…10}", "layer_{0…10} -> output" }, Flow(diagram));
    }

    [Fact]
    public void Copies_that_read_their_index_are_boxes_of_their_own_with_their_own_arguments_and_shapes()
    {
        var diagrams = Of("""
            block Step(f) = conv(f, 3, padding: 1) |> relu
            network Growing {
              input [4, 8, 8]
              "step{i}": Step(4 + i) for i in 3
            }
            """, "Growing");
        var diagram = diagrams.Network;

        var steps = diagram.Nodes.Where(n => n.Kind == DiagramNodeKind.Block).ToList();
        Assert.Equal(new[] { ("step0", "Step(4)", "[4, 8, 8]", 1), ("step1", "Step(5)", "[5, 8, 8]", 1), ("step2", "Step(6)", "[6, 8, 8]", 1) },
            steps.Select(s => (s.Name, s.Operation, s.Shape, s.Copies)));
        Assert.Equal(new[] { "input -> step0", "step0 -> step1", "step1 -> step2", "step2 -> output" }, Flow(diagram));
        Assert.Equal(3, steps.Select(s => s.Expansion).Distinct().Count());
        Assert.Contains(diagrams.Block(steps[2].Expansion!)!.Nodes, n => n.Kind == DiagramNodeKind.Layer && n.Shape == "[6, 8, 8]");
    }

    [Fact]
    public void Several_outputs_are_boxes_of_their_own_and_those_of_training_say_so()
    {
        var diagram = Of("""
            network Heads {
              input [8]
              x = input |> trunk: linear(8) |> relu
              main = x |> head: linear(3)
              aux = x |> aux_head: linear(2)
              output logits: main, aux: aux if training
            }
            """, "Heads").Network;

        var outputs = diagram.Nodes.Where(n => n.Kind == DiagramNodeKind.Output).ToList();
        Assert.Equal(new[] { ("logits", "output", "[3]"), ("aux", "output while training", "[2]") }, outputs.Select(o => (o.Name, o.Operation, o.Shape)));
        Assert.Equal(new[] { "head" }, Into(diagram, outputs[0]).Select(n => n.Name));
        Assert.Equal(new[] { "aux_head" }, Into(diagram, outputs[1]).Select(n => n.Name));
        // The branch point: relu feeds both heads.
        Assert.Equal(2, diagram.Edges.Count(e => e.From == diagram.Nodes.Single(n => n.Operation == "relu").Id));
    }

    [Fact]
    public void A_block_with_several_inputs_numbers_them_and_a_parallel_draws_every_copy()
    {
        var diagrams = Of("""
            block Cell {
              input cur, prev
              concat(cur |> relu, prev)
            }
            block Paths(c) = input + add(parallel c { conv(8, 1) |> relu })
            network Net {
              input [4, 8, 8]
              x = input |> stem: conv(4, 1)
              (x, input) |> cell: Cell()
              paths: Paths(3)
            }
            """, "Net");

        var cell = Node(diagrams.Network, "cell");
        Assert.Equal(new[] { ("stem", 0), ("input", 1) }, diagrams.Network.Edges.Where(e => e.To == cell.Id).Select(e => (diagrams.Network.Nodes.Single(n => n.Id == e.From).Name, e.Input)));
        Assert.Equal(new[] { "cur", "prev" }, diagrams.Block(cell.Expansion!)!.Nodes.Where(n => n.Kind == DiagramNodeKind.Input).Select(n => n.Name));
        var paths = diagrams.Block(Node(diagrams.Network, "paths").Expansion!)!;
        Assert.Equal(new[] { "0.0.0", "0.1.0", "0.2.0" }, paths.Nodes.Where(n => n.Operation == "conv(8, 1)").Select(n => n.Name));
        Assert.Equal(new[] { "0.0", "0.1", "0.2" }, paths.Nodes.Where(n => n.Operation == "conv(8, 1)").Select(n => n.Cluster));
        var sum = paths.Nodes.First(n => n.Kind == DiagramNodeKind.Merge);
        Assert.Equal(3, paths.Edges.Count(e => e.To == sum.Id));
    }

    [Fact]
    public void Functions_learned_tensors_and_arithmetic_are_boxes_without_a_path()
    {
        var diagram = Of("""
            network Tokens {
              input [4, 6, 6]
              class_token = parameter(1, 1, 4, batch_axis: true)
              x = input |> .flatten(1) |> .permute(1, 0)
              y = concat(class_token, x) |> fc: linear(4)
              y * 0.5
            }
            """, "Tokens").Network;

        var token = Node(diagram, "class_token");
        Assert.Equal((DiagramNodeKind.Tensor, "[1, 4]"), (token.Kind, token.Shape));
        var functions = diagram.Nodes.Where(n => n.Kind == DiagramNodeKind.Function).ToList();
        Assert.Equal(new[] { ("", "[4, 36]"), ("", "[36, 4]"), ("", "[37, 4]") }, functions.Select(f => (f.Name, f.Shape)));
        Assert.Equal("y * 0.5", functions[2].Operation);
        var concat = diagram.Nodes.Single(n => n.Kind == DiagramNodeKind.Merge);
        Assert.Equal(new[] { token, functions[1] }, Into(diagram, concat));
        Assert.Equal(new[] { "fc" }, Into(diagram, functions[2]).Select(n => n.Name));
    }

    [Fact]
    public void An_instance_is_drawn_for_the_arguments_it_was_built_with()
    {
        const string text = """
            network Small(classes = 10) {
              input [4]
              fc: linear(classes)
            }
            """;
        var declaration = TestCompiler.Compile(text).Networks.Single().DeclarationText;

        var diagram = NetworkDiagrams.Of(new NetworkDeclaration("Small", declaration, new[] { new DeclarationArgument("classes", 5L) }));

        Assert.Equal("[5]", Node(diagram.Network, "fc").Shape);
    }
}
