using System.Linq;
using NetDsl.DslTests.Infrastructure;
using Xunit;
using static NetDsl.DslTests.Infrastructure.ShapeExtensions;

namespace NetDsl.DslTests;

/// <summary>
/// The sequence ops at build time: shapes, parameter counts worked out from PyTorch's modules, learned tensors, tied
/// weights, and the reference networks of issue #13 that they express (SequenceSamples) at their references' counts.
/// </summary>
public sealed class SequenceOpTests
{
    private static GeneratedNetwork Net(string input, string body, string parameters = "") =>
        TestCompiler.Network($"network N{parameters} {{\n  input {input}\n{body}\n}}\n");

    private static Shape Sym(params (long Size, string? Symbol)[] axes) =>
        new(axes.Select(a => a.Size).ToArray(), axes.Select(a => a.Symbol).ToArray());

    [Fact]
    public void Vit_b16_has_torchvisions_86567656_parameters()
    {
        var network = TestCompiler.Compile(SequenceSamples.VitB16).Network("VitB16");

        Assert.Equal(86_567_656, network.ParameterCount);
        Assert.Equal(S(1000), network.Output);
        Assert.Equal(S(1, 768), network["class_token"].Output);
        Assert.Equal(768, network["class_token"].Parameters);
        Assert.Equal(S(197, 768), network["encoder.pos_embedding"].Output);
        Assert.Equal(197 * 768, network["encoder.pos_embedding"].Parameters);
        // nn.MultiheadAttention(768, 12): in_proj 3 x 768 x 768 + 3 x 768, out_proj 768 x 768 + 768.
        Assert.Equal(4 * 768 * 768 + 4 * 768, network["encoder.layers.0.self_attention"].Parameters);
    }

    [Fact]
    public void Gpt2_small_has_nanogpts_124439808_parameters_with_its_output_layer_tied()
    {
        var network = TestCompiler.Compile(SequenceSamples.Gpt2).Network("Gpt2");

        Assert.Equal(124_439_808, network.ParameterCount);
        Assert.Equal(Sym((1024, "t"), (50257, null)), network.Output);
        Assert.Equal(0, network["lm_head"].Parameters);
        Assert.Equal(50257 * 768, network["transformer.wte"].Parameters);
        Assert.Equal(new Shape(new long[] { 1024 }, new string?[] { "t" }, ElementKind.Id), network["transformer(positions)"].Output);
    }

    [Fact]
    public void Convnext_tiny_has_torchvisions_28589128_parameters()
    {
        var network = TestCompiler.Compile(SequenceSamples.ConvNeXtTiny).Network("ConvNeXtTiny");

        Assert.Equal(28_589_128, network.ParameterCount);
        Assert.Equal(S(96, 1, 1), network["features.1.0.layer_scale"].Output);
        Assert.Equal(S(96, 56, 56), network["features.1.0(add)"].Output);
    }

    [Fact]
    public void Layer_norm_normalises_the_last_axis_or_the_given_ones()
    {
        var last = Net("[t <= 64, 48]", "  layer_norm");
        Assert.Equal(2 * 48, last.ParameterCount);
        Assert.Equal(Sym((64, "t"), (48, null)), last.Output);
        Assert.Contains("nn.LayerNorm(NetDslLayers.LastAxes(input, 1), 1E-05, bias: true)", last.Text);

        var two = Net("[3, 7, 48]", "  layer_norm((7, 48), eps: 1e-6, bias: false)");
        Assert.Equal(7 * 48, two.ParameterCount);
        Assert.Contains("nn.LayerNorm(NetDslLayers.LastAxes(input, new long[] { 7, 48 }.Length), 1E-06, bias: false)", two.Text);

        var channelsLast = Net("[8, 5, 5]", "  permute(1, 2, 0) |> layer_norm(8)");
        Assert.Equal(16, channelsLast.ParameterCount);
    }

    [Fact]
    public void Layer_norm2d_normalises_each_pixels_channels_of_a_map()
    {
        var net = Net("[96, 56, 56]", "  layer_norm2d(96, eps: 1e-6)");

        Assert.Equal(2 * 96, net.ParameterCount);
        Assert.Equal(S(96, 56, 56), net.Output);
        Assert.Contains("NetDslLayers.LayerNorm2d(input.Channels, 1E-06, true)", net.Text);
    }

    [Fact]
    public void A_symbolic_axis_cannot_be_normalised()
    {
        var diagnostic = TestCompiler.Single("network N {\n  input [8, t <= 64]\n  [|layer_norm|]\n}\n", "ND0214");

        Assert.Equal("layer_norm at '0' needs a fixed size for axis 1 of its input [8, t], but that is the symbolic size t (up to 64), known only when the network runs; its weight and bias have one entry per element of the normalised axes", diagnostic.Message);
    }

    [Fact]
    public void An_embedding_appends_its_features_to_the_ids_shape()
    {
        var net = Net("tokens [4, 3]", "  embedding(100, 8) |> linear(4)");

        Assert.Equal(S(4, 3, 8), net["0"].Output);
        // Not read as a map [C, H, W]: linear maps its last axis.
        Assert.Equal(S(4, 3, 4), net.Output);
        Assert.Equal(100 * 8 + 8 * 4 + 4, net.ParameterCount);
    }

    [Fact]
    public void Positions_are_ids_of_an_axis_and_token_ids_pass_only_to_an_embedding()
    {
        var net = Net("[t <= 16, 8]", "  x = input.positions(0) |> embedding(16, 8)\n  input + x");

        Assert.Equal(new Shape(new long[] { 16 }, new string?[] { "t" }, ElementKind.Id), net["(positions)"].Output);
        Assert.Equal(Sym((16, "t"), (8, null)), net.Output);
        Assert.Contains("NetDslLayers.Positions(1)", net.Text);

        var computed = TestCompiler.Single("network N {\n  input [t <= 16, 8]\n  x = input.positions(0)\n  [|x * 2|]\n}\n", "ND0215");
        Assert.StartsWith("mul at '(mul)' computes with floats but receives token ids [t]", computed.Message);
    }

    [Fact]
    public void Attention_keeps_the_shape_and_counts_pytorchs_projections()
    {
        var self = Net("[t <= 32, 64]", "  attention(8)");
        Assert.Equal(Sym((32, "t"), (64, null)), self.Output);
        Assert.Equal(4 * 64 * 64 + 4 * 64, self.ParameterCount);

        var gpt = Net("[t <= 32, 64]", "  gpt_attention(8, bias: false)");
        Assert.Equal(4 * 64 * 64, gpt.ParameterCount);
        Assert.Contains("NetDslLayers.GptAttention(input.Features, 8, 0.0, false, true)", gpt.Text);
    }

    [Fact]
    public void Cross_attention_projects_a_memory_of_another_width_and_length()
    {
        var net = TestCompiler.Compile("block Cross {\n  input q, memory\n  (q, memory) |> attention(4)\n}\nnetwork N {\n  input [t <= 10, 16]\n  m = input[0] |> reshape(4, 4)\n  (input, m) |> Cross()\n}\n");
        net.AssertNoDiagnostics();

        var network = net.Network("N");
        Assert.Equal(Sym((10, "t"), (16, null)), network.Output);
        // q_proj [16, 16], k_proj and v_proj [16, 4], in_proj_bias [48], out_proj [16, 16] + [16].
        Assert.Equal(16 * 16 + 2 * 16 * 4 + 48 + 16 * 16 + 16, network.ParameterCount);
        Assert.Contains("NetDslLayers.CrossAttention(q.Features, memory.Features, 4, 0.0, true, false)", net.Source("Cross.g.cs"));
        Assert.Contains("private readonly Module<Tensor, Tensor, Tensor> _0;", net.Source("Cross.g.cs"));
    }

    [Fact]
    public void Attention_takes_one_value_or_a_tuple_of_two()
    {
        var three = TestCompiler.Single("network N {\n  input [8, 16]\n  (input, input, input) |> [|attention|](4)\n}\n", "ND0113");
        Assert.Equal("'attention' takes one value or a tuple of up to 2, e.g. (queries, memory) |> attention(...), but receives 3 values", three.Message);

        var gpt = TestCompiler.Single("network N {\n  input [8, 16]\n  (input, input) |> [|gpt_attention|](4)\n}\n", "ND0113");
        Assert.StartsWith("'gpt_attention' takes 1 input but receives 2 values", gpt.Message);
    }

    [Fact]
    public void Gelu_is_exact_by_default_and_the_tanh_approximation_on_request()
    {
        var net = Net("[4, 8]", "  y = input |> gelu |> gelu(tanh: true)\n  x = gelu(input, tanh: true)\n  y + x");

        Assert.Contains("NetDslLayers.Gelu(false)", net.Text);
        Assert.Contains("NetDslLayers.Gelu(true)", net.Text);
        Assert.Equal("gelu(tanh: true)", net["1"].Op);
    }

    [Fact]
    public void Learned_tensors_are_the_scopes_own_keys_with_pytorchs_stored_sizes()
    {
        var net = Net("[t <= 16, 8]", "  bias = parameter(1, 1, 8, batch_axis: true, std: 0.02)\n  scale = buffer(8, fill: 2)\n  input * scale + bias");

        Assert.Equal(S(1, 8), net["bias"].Output);
        Assert.Equal(8, net["bias"].Parameters);
        Assert.Equal(8, net["scale"].Buffers);
        Assert.Equal(8, net.ParameterCount);
        Assert.Equal(8, net.BufferCount);
        Assert.Contains("bias = NetDslLayers.NewParameter(new long[] { 1, 1, 8 }, 0.02, 0.0);", net.Text);
        Assert.Contains("register_parameter(\"bias\", bias);", net.Text);
        Assert.Contains("register_buffer(\"scale\", scale);", net.Text);
        Assert.Contains("var x1 = NetDslLayers.Batched(bias, 2, input);", net.Text);
        Assert.Contains("Non-trainable (batch-norm statistics and buffers): 8", net.Text);
    }

    [Fact]
    public void A_learned_tensors_sample_rank_may_depend_on_a_parameter()
    {
        var net = Net("[4, 8]", "  p = parameter(1, 4, 8, batch_axis: lead)\n  input + p", "(lead = true)");

        Assert.Equal(S(4, 8), net["p"].Output);
        Assert.Contains("p = NetDslLayers.NewParameter(new long[] { 1, 4, 8 }, 0.0, 0.0);", net.Text);
        Assert.Contains("pRank = s1.Rank;", net.Text);
        Assert.Contains("NetDslLayers.Batched(p, pRank, input)", net.Text);
    }

    [Fact]
    public void A_learned_tensors_arguments_are_checked()
    {
        var batch = TestCompiler.Single("network N {\n  input [4]\n  p = [|parameter(2, 4, batch_axis: true)|]\n  input + p\n}\n", "ND0114");
        Assert.Equal("parameter at 'p' has batch_axis: true, so its first size is PyTorch's batch axis of 1, but that size is 2 in [2, 4]; write 1 first, or drop batch_axis", batch.Message);

        var both = TestCompiler.Single("network N {\n  input [4]\n  p = [|parameter(4, std: 0.1, fill: 1)|]\n  input + p\n}\n", "ND0114");
        Assert.Equal("parameter at 'p' has both std: (a normal distribution) and fill: (a constant); give one of them", both.Message);

        var unnamed = TestCompiler.Single("network N {\n  input [4]\n  input + [|parameter|](4)\n}\n", "ND0108");
        Assert.Equal("'parameter' declares a learned tensor, whose name is its state_dict key: name it on a line of its own, e.g. class_token = parameter(1, 1, 768), then use class_token", unnamed.Message);

        var label = TestCompiler.Single("network N {\n  input [4]\n  w = parameter(4)\n  [|w|]: linear(4)\n  input + w\n}\n", "ND0110");
        Assert.StartsWith("the label 'w' is used twice", label.Message);
    }

    [Fact]
    public void A_learned_position_embedding_shorter_than_the_tokens_names_itself_in_the_broadcasting_error()
    {
        var fixedLength = TestCompiler.Single("network N {\n  input [257, 32]\n  pos = parameter(1, 197, 32, batch_axis: true)\n  input [|+|] pos\n}\n", "ND0201");
        Assert.Equal("add needs equal shapes at '(add)': input 1 is [257, 32], input 2 is [197, 32]; 'pos' is a learned tensor of 197 along its axis 0 where input 1 has 257: a position embedding needs one entry per position, so declare it with 257", fixedLength.Message);

        var symbolic = TestCompiler.Single("network N {\n  input [t <= 300, 32]\n  pos = parameter(1, 197, 32, batch_axis: true)\n  input [|+|] pos\n}\n", "ND0201");
        Assert.EndsWith("; 'pos' is a learned tensor of 197 along its axis 0 where input 1 has up to 300 (t): a position embedding needs one entry per position, so declare it with 300", symbolic.Message);
    }

    [Fact]
    public void A_tied_weight_is_counted_once_and_looked_up_in_the_scope()
    {
        var net = Net("tokens [t <= 8]", "  x = input |> wte: embedding(50, 16)\n  x |> head: linear(50, weight: wte.weight)");

        Assert.Equal(50 * 16 + 50, net.ParameterCount);
        Assert.Equal(50, net["head"].Parameters);
        Assert.Contains("head = NetDslLayers.TiedLinear(this, \"wte.weight\", s1.Features, 50, true, NetDslLayers.Join(path, \"head\"));", net.Text);
    }

    [Fact]
    public void A_weight_may_be_tied_to_a_learned_parameter_and_to_a_layer_inside_a_group()
    {
        var learned = Net("tokens [t <= 8]", "  shared = parameter(50, 16, std: 0.02)\n  input |> embedding(50, 16, weight: shared)");
        Assert.Equal(50 * 16, learned.ParameterCount);

        var grouped = Net("tokens [t <= 8]", "  g: (embed: embedding(50, 16))\n  head: linear(50, bias: false, weight: g.embed.weight)");
        Assert.Equal(50 * 16, grouped.ParameterCount);

        // Inside a group, the lookup starts at the group's module: the group is a class, not an inline Sequential.
        var inside = Net("tokens [t <= 8]", "  g: (embed: embedding(50, 16) |> head: linear(50, bias: false, weight: embed.weight))");
        Assert.Contains("public sealed class GGroup", inside.Text);
    }

    [Fact]
    public void A_reference_is_a_path_not_an_expression()
    {
        var diagnostic = TestCompiler.Single("network N {\n  input [4, 8]\n  a: linear(8)\n  linear(8, weight: [|a.weight + 1|])\n}\n", "ND0108");

        Assert.Equal("'weight' of linear names a parameter of an earlier layer by its path, e.g. weight: transformer.wte.weight; it takes that parameter as its own (tied weights)", diagnostic.Message);
    }
}
