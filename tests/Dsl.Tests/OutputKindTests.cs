using System.Linq;
using System.Text.RegularExpressions;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// What a generated network records about its output: the kind comes from the op that produces it, looking through
/// blocks, groups and the ops that keep their input's kind; a condition of the network's own scope is evaluated by
/// its constructor.
/// </summary>
public sealed class OutputKindTests
{
    /// <summary>The kind expression of the generated <c>Outputs</c> line, without the namespace prefix.</summary>
    private static string Kind(string source, string network = "N")
    {
        var result = TestCompiler.Compile(source);
        result.AssertNoDiagnostics();
        var text = result.Source(network + ".g.cs");
        var match = Regex.Match(text, @"Outputs = new global::NetDsl\.NetworkOutput\[\] \{ new\(""output"", (?<kind>.+), OutputShape\) \};");
        Assert.True(match.Success, "no Outputs line in\n" + text);
        return match.Groups["kind"].Value.Replace("global::NetDsl.OutputKind.", "");
    }

    private static string Net(string body, string input = "[3, 8, 8]", string parameters = "") =>
        $"network N{parameters} {{\n  input {input}\n{body}\n}}\n";

    [Theory]
    [InlineData("  flatten |> linear(10)", "Logits")]
    [InlineData("  flatten |> linear(10) |> softmax", "Probabilities")]
    [InlineData("  flatten |> linear(10) |> log_softmax", "LogProbabilities")]
    [InlineData("  flatten |> linear(1) |> sigmoid", "IndependentProbabilities")]
    [InlineData("  flatten |> linear(10) |> relu", "Logits")]
    [InlineData("  conv(4, 1) |> softmax", "Probabilities")]
    [InlineData("  softmax |> relu", "Logits")]
    public void The_last_op_decides(string body, string kind)
    {
        Assert.Equal(kind, Kind(Net(body)));
    }

    [Theory]
    [InlineData("  flatten |> linear(10) |> softmax |> dropout(0.2)", "Probabilities")]
    [InlineData("  flatten |> linear(10) |> sigmoid |> identity", "IndependentProbabilities")]
    [InlineData("  conv(10, 1) |> global_avgpool |> softmax |> reshape(10, 1, 1) |> flatten", "Probabilities")]
    [InlineData("  sigmoid |> dropout if true |> identity * 3", "IndependentProbabilities")]
    public void Identity_dropout_flatten_and_reshape_keep_their_input_kind(string body, string kind)
    {
        Assert.Equal(kind, Kind(Net(body)));
    }

    [Fact]
    public void Blocks_and_groups_are_looked_through()
    {
        const string source = """
            block Head(classes) = linear(64) |> relu |> dropout(0.5) |> linear(classes) |> sigmoid
            block Wrap(classes) {
              x = Head(classes)
              x |> dropout
            }
            network N {
              input [3, 8, 8]
              global_avgpool
              head: (Wrap(1) |> identity)
            }
            """;

        Assert.Equal("IndependentProbabilities", Kind(source));
    }

    [Fact]
    public void A_block_that_passes_its_input_on_gives_the_kind_of_that_input()
    {
        const string source = """
            block Keep = dropout |> identity
            network N {
              input [3, 8, 8]
              flatten |> linear(4) |> softmax |> Keep()
            }
            """;

        Assert.Equal("Probabilities", Kind(source));
    }

    [Theory]
    [InlineData("  x = flatten |> linear(4)\n  x + x", "Logits")]
    [InlineData("  x = flatten |> linear(4) |> softmax\n  concat(x, x)", "Logits")]
    [InlineData("  p = flatten |> linear(4) |> sigmoid\n  input |> flatten |> linear(4 + 0 * p.size(0))", "Logits")]
    public void Merges_and_other_values_are_raw_scores(string body, string kind)
    {
        Assert.Equal(kind, Kind(Net(body)));
    }

    [Fact]
    public void A_condition_of_the_network_is_evaluated_by_the_constructor()
    {
        Assert.Equal("(probs ? IndependentProbabilities : Logits)",
            Kind(Net("  flatten |> linear(1) |> sigmoid if probs", parameters: "(probs = true)")));
        Assert.Equal("(probs ? Probabilities : Logits)",
            Kind(Net("  x = flatten |> linear(3)\n  y = x |> softmax\n  y if probs else x", parameters: "(probs = false)")));
        Assert.Equal("((n > 0) ? Probabilities : Logits)",
            Kind(Net("  flatten |> linear(3) |> softmax * n", parameters: "(n = 1)")));
        Assert.Equal("(probs ? Probabilities : Logits)",
            Kind(Net("  head: (flatten |> linear(3) |> softmax if probs)", parameters: "(probs = true)")));
    }

    [Fact]
    public void A_condition_whose_branches_end_alike_is_no_choice()
    {
        Assert.Equal("Logits", Kind(Net("  flatten |> linear(3) |> relu if wide", parameters: "(wide = true)")));
        Assert.Equal("Probabilities", Kind(Net("  flatten |> linear(3) |> softmax |> dropout if wide", parameters: "(wide = true)")));
    }

    [Fact]
    public void A_long_pipeline_of_kind_keeping_ops_costs_no_stack()
    {
        var body = "  flatten |> linear(3) |> sigmoid" + string.Concat(Enumerable.Repeat(" |> dropout(0.1) if keep", 1_990));

        Assert.Equal("IndependentProbabilities", Kind(Net(body, parameters: "(keep = true)")));
    }

    [Fact]
    public void The_generated_class_is_an_INetwork_with_the_Outputs_list()
    {
        var result = TestCompiler.Compile(Net("  flatten |> linear(10)"));
        var text = result.Source("N.g.cs");

        Assert.Contains("public sealed partial class N : Module<Tensor, Tensor>, global::NetDsl.INetwork", text);
        Assert.Contains("public IReadOnlyList<global::NetDsl.NetworkOutput> Outputs { get; }", text);
    }

    [Fact]
    public void A_long_chain_of_kind_keeping_blocks_is_followed_up_to_the_limit_and_reported_past_it()
    {
        static string Chain(int blocks) =>
            "block Keep = dropout(0.1) |> identity\n" + Net("  flatten |> linear(3) |> softmax" + string.Concat(Enumerable.Repeat(" |> Keep()", blocks)));

        Assert.Equal("Probabilities", Kind(Chain(90)));
        var result = TestCompiler.Compile(Chain(1_000));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ND0401", diagnostic.Id);
        Assert.Contains("more than 100 blocks and groups", diagnostic.Message);
    }
}
