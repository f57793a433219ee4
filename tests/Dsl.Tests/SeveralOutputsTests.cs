using System.Linq;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// <c>output logits: x, aux: a if training</c>: a network with several outputs returns a record of them, each with its
/// kind and shape in <c>Outputs</c>; an output that exists only while training is computed only then (torchvision's
/// auxiliary classifiers). The statement ends a network; each output is one tensor, always or only while training.
/// </summary>
public sealed class SeveralOutputsTests
{
    private const string Auxiliary = """
        block Head(classes) = global_avgpool |> fc: linear(classes)

        network Aux(classes = 10) {
          input [3, 16, 16]
          stem: conv(8, 3, padding: 1) |> relu
          a = aux: Head(classes)
          x = body: conv(16, 3, stride: 2, padding: 1) |> relu |> global_avgpool |> dropout(0.2) |> fc: linear(classes)
          output logits: x, aux: a |> softmax if training
        }
        """;

    [Fact]
    public void Several_outputs_are_a_record_and_the_module_returns_it()
    {
        var text = TestCompiler.Network(Auxiliary).Text;

        Assert.Contains("public sealed partial class Aux : Module<Tensor, AuxOutput>, global::NetDsl.ISeveralOutputs<Tensor>", text);
        Assert.Contains("public override AuxOutput forward(Tensor input)", text);
        Assert.Contains("public sealed record AuxOutput(Tensor Logits, Tensor? Aux);", text);
        Assert.Contains("return new AuxOutput(", text);
        Assert.Contains("return new Tensor?[] { outputs.Logits, outputs.Aux };", text);
    }

    [Fact]
    public void Each_output_records_its_name_kind_shape_and_whether_it_exists_only_while_training()
    {
        var text = TestCompiler.Network(Auxiliary).Text;

        Assert.Contains(
            "Outputs = new global::NetDsl.NetworkOutput[] { new(\"logits\", global::NetDsl.OutputKind.Logits, OutputShape), " +
            "new(\"aux\", global::NetDsl.OutputKind.Probabilities, s9) { WhileTraining = true } };", text);
    }

    [Fact]
    public void The_layers_of_an_output_that_exists_only_while_training_run_only_then()
    {
        var text = TestCompiler.Network(Auxiliary).Text;
        var forward = text.Substring(text.IndexOf("forward(Tensor input)"));

        // The stem feeds both; the auxiliary head and its softmax only the training output.
        Assert.Contains("var x2 = _1.call(x1);", forward);
        Assert.Contains("var x3 = training ? aux.call(x2) : null;", forward);
        Assert.Contains("var x8 = fc.call(x7);", forward);
        Assert.Contains("var x9 = training ? _8.call(x3!) : null;", forward);
        Assert.Contains("return new AuxOutput(x8, x9);", forward);
        Assert.Equal(2, forward.Split("training ?").Length - 1);
    }

    [Fact]
    public void One_named_output_keeps_the_module_a_tensor_module_and_records_its_name()
    {
        var text = TestCompiler.Network("network N {\n  input [8]\n  output scores: linear(4) |> softmax\n}\n").Text;

        Assert.Contains("public sealed partial class N : Module<Tensor, Tensor>, global::NetDsl.INetwork", text);
        Assert.Contains("new(\"scores\", global::NetDsl.OutputKind.Probabilities, OutputShape)", text);
        Assert.DoesNotContain("record", text);
    }

    [Fact]
    public void Outputs_may_span_lines_after_a_comma_and_apply_layers_to_the_current_value()
    {
        var network = TestCompiler.Network("""
            network N {
              input [8]
              a = hidden: linear(6)
              output logits: head: linear(4),
                     aux: a |> aux: linear(2) |> sigmoid if training
            }
            """);

        Assert.Equal(new[] { "hidden", "head", "aux", "3" }, network.Paths);
        Assert.Contains("new(\"aux\", global::NetDsl.OutputKind.IndependentProbabilities, s4) { WhileTraining = true }", network.Text);
        // 'hidden' feeds only the auxiliary output, so it runs only while training too.
        Assert.Contains("var x1 = training ? hidden.call(input) : null;", network.Text);
        Assert.Contains("var x2 = head.call(input);", network.Text);
        Assert.Contains("var x3 = training ? aux.call(x1!) : null;", network.Text);
    }

    [Fact]
    public void A_value_or_label_named_output_is_not_the_statement()
    {
        var network = TestCompiler.Network("""
            network N {
              input [8]
              output = linear(6)
              output |> output: linear(4)
            }
            """);

        Assert.Equal(new[] { "0", "output" }, network.Paths);
        Assert.Contains("public sealed partial class N : Module<Tensor, Tensor>", network.Text);
    }

    [Fact]
    public void Values_read_only_by_outputs_are_used()
    {
        var result = TestCompiler.Compile("""
            network N {
              input [8]
              a = linear(2)
              b = linear(3)
              x = linear(4)
              output logits: x, aux: a if training, extra: b
            }
            """);

        result.AssertNoDiagnostics();
        Assert.Contains("public sealed record NOutput(Tensor Logits, Tensor? Aux, Tensor Extra);", result.Source("N.g.cs"));
    }

    [Fact]
    public void A_value_both_outputs_read_is_computed_in_evaluation_too()
    {
        var text = TestCompiler.Network("""
            network N {
              input [8]
              shared = linear(6)
              a = shared |> linear(2)
              x = shared |> linear(4)
              output logits: x, aux: a if training
            }
            """).Text;

        Assert.Contains("var x1 = _0.call(input);", text);
        Assert.Contains("var x2 = training ? _1.call(x1) : null;", text);
        Assert.Contains("var x3 = _2.call(x1);", text);
    }
}
