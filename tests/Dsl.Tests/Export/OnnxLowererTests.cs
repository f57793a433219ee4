using System.Linq;
using NetDsl.Compiler;
using NetDsl.DslTests.Infrastructure;
using NetDsl.Export.Onnx;
using Xunit;

namespace NetDsl.DslTests.Export;

/// <summary>
/// The ONNX graph of a network instance, without running it (tests/Runtime.Tests/Export runs the files in ONNX Runtime):
/// nodes and attributes the lowerings make, initializers by state_dict key, the instance's arguments, outputs.
/// </summary>
public class OnnxLowererTests
{
    private static OnnxGraph Lower(string text, string name, params DeclarationArgument[] arguments) =>
        OnnxLowerer.Lower(DeclaredNetworks.Check(new NetworkDeclaration(name, TestCompiler.Compile(text).Networks.Single(n => n.Name == name).DeclarationText, arguments)));

    private const string Cnn = """
        network Cnn(classes = 10) {
          input [3, 8, 8]
          features: (conv(8, 3, stride: 2, padding: same) |> bn |> relu)
          global_avgpool
          fc: linear(classes)
        }
        """;

    [Fact]
    public void Weights_are_initializers_named_by_their_state_dict_keys_with_the_instance_s_sizes()
    {
        var graph = Lower(Cnn, "Cnn", new DeclarationArgument("classes", 4L));

        var weights = graph.Initializers.Where(i => i.StateKey is not null).ToDictionary(i => i.StateKey!, i => i.Dims.ToArray());
        Assert.Equal(new[] { "features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias", "features.1.running_mean", "features.1.running_var", "fc.weight", "fc.bias" }, weights.Keys);
        Assert.Equal(new long[] { 8, 3, 3, 3 }, weights["features.0.weight"]);
        Assert.Equal(new long[] { 4, 8 }, weights["fc.weight"]);
        Assert.Equal(new[] { "Conv", "BatchNormalization", "Relu", "ReduceMean", "Gemm", "Identity" }, graph.Nodes.Select(n => n.OpType));
        Assert.Equal(new[] { "input" }, graph.Nodes[0].Inputs.Take(1));
        Assert.Equal("output", Assert.Single(graph.Outputs).Name);
        Assert.Equal(new[] { "batch", null }, graph.Outputs[0].Dims.Select(d => d.Symbol));
        Assert.Equal(4, graph.Outputs[0].Dims[1].Size);
    }

    [Fact]
    public void Same_padding_is_resolved_for_the_input_with_the_extra_row_at_the_end()
    {
        var conv = Lower(Cnn, "Cnn").Nodes[0];

        // 8 rows, kernel 3, stride 2: 4 outputs need 1 row of padding, after.
        Assert.Equal(new long[] { 0, 0, 1, 1 }, conv.Attributes.Single(a => a.Name == "pads").Ints);
        Assert.Equal(new long[] { 2, 2 }, conv.Attributes.Single(a => a.Name == "strides").Ints);
    }

    [Fact]
    public void Outputs_that_exist_only_while_training_are_left_out_with_the_layers_only_they_need()
    {
        var graph = Lower("""
            network Aux {
              input [4]
              features = linear(8)
              aux = features |> head2: linear(3)
              main = features |> head1: linear(2)
              output logits: main, side: aux if training
            }
            """, "Aux");

        Assert.Equal("logits", Assert.Single(graph.Outputs).Name);
        Assert.DoesNotContain(graph.Initializers, i => i.StateKey?.StartsWith("head2") == true);
        Assert.Contains(graph.Initializers, i => i.StateKey == "head1.weight");
    }

    [Fact]
    public void A_symbolic_axis_stays_a_symbol_and_a_tied_weight_is_stored_once()
    {
        var graph = Lower("""
            network Lm(vocab = 11) {
              input tokens [t <= 8]
              wte: embedding(vocab, 6) |> linear(vocab, bias: false, weight: wte.weight)
            }
            """, "Lm");

        Assert.Equal(new[] { "batch", "t" }, graph.Inputs[0].Dims.Select(d => d.Symbol));
        Assert.Equal(OnnxElementType.Int64, graph.Inputs[0].Type);
        Assert.Equal(new[] { "wte.weight" }, graph.Initializers.Where(i => i.StateKey is not null).Select(i => i.StateKey));
    }

    [Fact]
    public void An_op_without_a_lowering_is_refused_naming_the_layer_and_the_op()
    {
        var op = new Unlowered();
        var context = new OnnxOpContext(new OnnxGraph(), op, new NetDsl.Catalog.OpArguments(op, new NetDsl.Semantics.ScalarValue?[0]), new[] { "x" }, new[] { new Shape(4) }, new[] { new Shape(4) }, "features.3", "features", stateless: false);

        var error = Assert.Throws<OnnxExportException>(() => op.LowerOnnx(context));
        Assert.Equal("unlowered at 'features.3' cannot be exported to ONNX: the op has no ONNX lowering yet (docs/export.md lists the ops that have one)", error.Message);
        Assert.False(op.HasOnnxLowering);
    }

    [Fact]
    public void An_argument_a_lowering_cannot_express_is_refused_naming_the_layer_the_op_and_why()
    {
        var error = Assert.Throws<OnnxExportException>(() => Lower("""
            network Rolled {
              input [t <= 8, 4]
              block1: (relu |> roll(1, 0))
            }
            """, "Rolled"));

        Assert.Equal("roll at 'block1.1' cannot be exported to ONNX: rolling the symbolic axis 't' needs its size", error.Message);
    }

    [Fact]
    public void Shifted_window_attention_has_its_constants_in_the_graph_and_its_learned_tensors_as_weights()
    {
        var graph = Lower("""
            network Swin {
              input [8, 6, 6]
              stage: (permute(1, 2, 0) |> attn: window_attention(2, 4, shift: 2))
            }
            """, "Swin");

        Assert.Equal(new[] { "stage.attn.qkv.weight", "stage.attn.qkv.bias", "stage.attn.relative_position_bias_table", "stage.attn.proj.weight", "stage.attn.proj.bias" },
            graph.Initializers.Where(i => i.StateKey is not null).Select(i => i.StateKey));
        // 6x6 padded to 8x8: four windows of 16 tokens, each pair's mask.
        Assert.Contains(graph.Initializers, i => i.Floats?.Count == 4 * 16 * 16 && i.Floats.Contains(-100f) && i.Floats.Contains(0f));
        Assert.Contains(graph.Nodes, n => n.OpType == "Pad");
    }

    /// <summary>An op that has no ONNX lowering, as a new catalog entry has until it gets one.</summary>
    private sealed class Unlowered : NetDsl.Catalog.OpDefinition
    {
        public override string Name => "unlowered";

        public override string Summary => "an op without an ONNX lowering";

        public override ShapeResult Infer(NetDsl.Catalog.OpArguments args, Shape input, string path) => input;

        public override string EmitShape(NetDsl.Catalog.OpCode code, string pathCode) => code.Input;

        public override string EmitModule(NetDsl.Catalog.OpCode code) => "nn.Identity()";
    }

    [Fact]
    public void A_declaration_that_does_not_check_is_refused_with_its_diagnostics()
    {
        var declared = DeclaredNetworks.Check(new NetworkDeclaration("Cnn", TestCompiler.Compile(Cnn).Networks.Single().DeclarationText, new[] { new DeclarationArgument("classes", 2.5) }));

        var error = Assert.Throws<System.InvalidOperationException>(() => OnnxLowerer.Lower(declared));
        Assert.Contains("argument 'classes' of network 'Cnn' is Double; the parameter is an integer", error.Message);
    }
}
