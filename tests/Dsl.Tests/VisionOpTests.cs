using System.Linq;
using NetDsl.Catalog;
using NetDsl.DslTests.Infrastructure;
using Xunit;
using static NetDsl.DslTests.Infrastructure.ShapeExtensions;

namespace NetDsl.DslTests;

/// <summary>
/// The vision ops of issue #13's phase 2 at build time: stochastic depth, window attention, roll, channel shuffle,
/// hardsigmoid and <c>bn(scale: false)</c>. Shapes, parameter and buffer counts are worked out by hand from the
/// reference modules (torchvision 0.14, Keras); the generated code is read for what it builds. Run-time behaviour
/// against PyTorch is in tests/Runtime.Tests/Vision.
/// </summary>
public sealed class VisionOpTests
{
    private static GeneratedNetwork Net(string input, string body, string parameters = "") =>
        TestCompiler.Network($"network N{parameters} {{\n  input {input}\n{body}\n}}\n");

    private static string Message(string body, string id, string input = "[3, 8, 8]") =>
        TestCompiler.Single($"network N {{\n  input {input}\n{body}\n}}\n", id).Message;

    // ---- stochastic_depth ----------------------------------------------------------------------------------

    [Fact]
    public void Stochastic_depth_keeps_the_shape_and_has_no_state()
    {
        var net = Net("[4, 8]", "  stochastic_depth(0.2) |> stochastic_depth(0.1, mode: batch)");

        Assert.Equal(S(4, 8), net.Output);
        Assert.Equal((0L, 0L), (net.ParameterCount, net.BufferCount));
        Assert.Equal(new[] { "0", "1" }, net.Paths);
        Assert.Contains("NetDslLayers.StochasticDepth(0.2, \"row\")", net.Text);
        Assert.Contains("NetDslLayers.StochasticDepth(0.1, \"batch\")", net.Text);
    }

    [Theory]
    [InlineData("  [|stochastic_depth(1.5)|]", "stochastic_depth at '0' needs a drop probability 0 <= p <= 1, got 1.5")]
    [InlineData("  [|stochastic_depth(-0.1)|]", "stochastic_depth at '0' needs a drop probability 0 <= p <= 1, got -0.1")]
    public void Stochastic_depth_needs_a_probability(string body, string message)
    {
        Assert.Equal(message, Message(body, "ND0114"));
    }

    [Fact]
    public void Stochastic_depth_accepts_p_of_0_and_1()
    {
        Assert.Equal(S(3, 8, 8), Net("[3, 8, 8]", "  stochastic_depth(0) |> stochastic_depth(1)").Output);
    }

    [Fact]
    public void A_word_argument_takes_only_its_words()
    {
        Assert.Equal("'mode' of stochastic_depth must be one of row, batch, not 'same'", Message("  stochastic_depth(0.1, mode: [|same|])", "ND0108"));
        Assert.Equal("'mode' of stochastic_depth must be one of row, batch, not an integer", Message("  stochastic_depth(0.1, mode: [|2|])", "ND0108"));
        // Padding takes its own words only.
        Assert.Equal("'padding' of conv must be an integer or a pair (h, w), same or valid, not a word", Message("  conv(4, 3, padding: [|row|])", "ND0108"));
    }

    [Fact]
    public void Stochastic_depth_is_a_layer_not_a_function()
    {
        Assert.StartsWith("'stochastic_depth' is a layer, not a function of a tensor", Message("  input.[|stochastic_depth|](0.1)", "ND0101"));
    }

    // ---- window_attention -----------------------------------------------------------------------------------

    [Fact]
    public void Window_attention_keeps_an_H_W_C_value_and_counts_torchvisions_parameters()
    {
        // Swin-T's first stage: 56 x 56 x 96, 3 heads, window 7. torchvision: table 13 * 13 * 3, qkv 288 * 96 + 288,
        // proj 96 * 96 + 96; its relative_position_index (49 * 49 integers) is not counted, as num_batches_tracked.
        var net = Net("[3, 224, 224]", "  conv(96, 4, stride: 4) |> permute(1, 2, 0)\n  attn: window_attention(3, 7, shift: 3)");

        Assert.Equal(S(56, 56, 96), net.Output);
        Assert.Equal(13 * 13 * 3 + 288 * 96 + 288 + 96 * 96 + 96, net["attn"].Parameters);
        Assert.Equal(0, net["attn"].Buffers);
        Assert.Contains("NetDslLayers.WindowAttention(s2, 3, (7, 7), (3, 3), qkvBias: true, projBias: true, attentionDropout: 0.0, dropout: 0.0)", net.Text);
    }

    [Fact]
    public void Window_attention_takes_rectangular_windows_no_biases_and_any_H_and_W()
    {
        var net = Net("[6, 9, 8]", "  permute(1, 2, 0)\n  window_attention(2, (2, 3), shift: (1, 1), qkv_bias: false, proj_bias: false)");

        Assert.Equal(S(9, 8, 6), net["0"].Output);
        Assert.Equal(S(9, 8, 6), net.Output);
        Assert.Equal(3 * 5 * 2 + 18 * 6 + 6 * 6, net.ParameterCount);
        Assert.Equal(0, net.BufferCount);
    }

    [Fact]
    public void Window_attention_passes_symbolic_height_and_width()
    {
        var net = Net("[h <= 64, w <= 64, 32]", "  window_attention(4, 7, shift: 3)");

        Assert.Equal(new Shape(new long[] { 64, 64, 32 }, new string?[] { "h", "w", null }), net.Output);
    }

    [Theory]
    [InlineData("[|window_attention(0, 7)|]", "window_attention at '1' needs at least 1 head, got 0")]
    [InlineData("[|window_attention(2, 0)|]", "window_attention at '1' needs a window of at least 1x1, got 0x0")]
    [InlineData("[|window_attention(2, (64, 65))|]", "window_attention at '1' has a 64x65 window, more than 4,096 tokens: its relative_position_index would hold (tokens)² entries; Swin uses 7x7 to 24x24")]
    [InlineData("[|window_attention(2, (1, 9223372036854775807))|]", "window_attention at '1' has a 1x9223372036854775807 window, more than 4,096 tokens: its relative_position_index would hold (tokens)² entries; Swin uses 7x7 to 24x24")]
    [InlineData("[|window_attention(2, 7, shift: 7)|]", "window_attention at '1' shifts by (7, 7) but a 7x7 window allows shifts from 0 to (6, 6); Swin shifts by half the window")]
    [InlineData("[|window_attention(2, 7, shift: (0, -1))|]", "window_attention at '1' shifts by (0, -1) but a 7x7 window allows shifts from 0 to (6, 6); Swin shifts by half the window")]
    [InlineData("[|window_attention(2, 7, dropout: 1.0)|]", "window_attention at '1' needs dropout probabilities 0 <= p < 1, got attention_dropout: 0 and dropout: 1")]
    public void Window_attention_checks_its_arguments(string layer, string message)
    {
        Assert.Equal(message, Message("  permute(1, 2, 0)\n  " + layer, "ND0114"));
    }

    [Fact]
    public void Window_attention_needs_a_fixed_number_of_channels()
    {
        Assert.StartsWith("window_attention at '0' needs a fixed size for axis 2 of its input [8, 8, c], but that is the symbolic size c",
            Message("  [|window_attention(2, 7)|]", "ND0214", input: "[8, 8, c <= 64]"));
    }

    [Fact]
    public void Window_attention_refuses_token_ids()
    {
        Assert.StartsWith("window_attention at '0' computes with floats", Message("  [|window_attention(2, 7)|]", "ND0215", input: "tokens [8, 8, 4]"));
    }

    // ---- roll -----------------------------------------------------------------------------------------------

    [Fact]
    public void Roll_keeps_the_shape_as_a_child_or_a_function()
    {
        var net = Net("[3, 8, 8]", "  x = input.roll((-3, 2), (1, -1))\n  x |> roll(1, 0)");

        Assert.Equal(S(3, 8, 8), net.Output);
        Assert.Equal(new[] { "(roll)", "0" }, net.Paths);
        Assert.Contains("NetDslLayers.Roll(new long[] { -3, 2 }, new long[] { 1, -1 })", net.Text);
        // A map stays a map: roll moves elements, not axes, so conv still reads it.
        Assert.Equal(S(4, 8, 8), Net("[3, 8, 8]", "  roll(1, 0) |> conv(4, 1)").Output);
    }

    [Fact]
    public void Roll_passes_token_ids_and_symbolic_axes()
    {
        var net = Net("tokens [t <= 16, 4]", "  roll(1, 0)");

        Assert.Equal(new Shape(new long[] { 16, 4 }, new string?[] { "t", null }, ElementKind.Id), net.Rows[^1].Output);
    }

    [Theory]
    [InlineData("[|roll((1, 2), 0)|]", "roll at '0' has 2 shift(s) for 1 axis/axes; give one shift per axis: roll((-3, -3), (0, 1))")]
    [InlineData("[|roll(1, 3)|]", "roll at '0' has dims 3 but its input [3, 8, 8] has 3 axes: 0 to 2, or -3 to -1 from the last; axes count the sample's axes, the batch excluded")]
    public void Roll_needs_one_shift_per_existing_axis(string layer, string message)
    {
        Assert.Equal(message, Message("  " + layer, "ND0114"));
    }

    // ---- channel_shuffle ------------------------------------------------------------------------------------

    [Fact]
    public void Channel_shuffle_is_a_function_that_keeps_the_map()
    {
        var net = Net("[24, 8, 8]", "  (a, b) = input.chunk(2)\n  concat(a, b |> conv(12, 1)).channel_shuffle(2) |> .channel_shuffle(3)");

        Assert.Equal(S(24, 8, 8), net.Output);
        Assert.Equal(new[] { "(chunk)[0]", "(chunk)[1]", "0", "(concat)", "(channel_shuffle)", "(channel_shuffle2)" }, net.Paths);
        Assert.Contains("nn.ChannelShuffle(2)", net.Text);
        Assert.Equal(12 * 12 + 12, net.ParameterCount);
    }

    [Fact]
    public void Channel_shuffle_needs_groups_that_divide_the_channels_of_a_map()
    {
        Assert.Equal("channel_shuffle at '(channel_shuffle)' has groups = 2, which must divide its input channels (3, input [3, 8, 8]); use a divisor of 3",
            Message("  [|input.channel_shuffle(2)|]", "ND0205"));
        Assert.StartsWith("channel_shuffle at '(channel_shuffle)' needs a [C, H, W] input but receives [12]",
            Message("  [|input.channel_shuffle(2)|]", "ND0209", input: "[12]"));
        Assert.Equal("channel_shuffle at '(channel_shuffle)' needs groups >= 1, got 0", Message("  [|input.channel_shuffle(0)|]", "ND0114"));
    }

    [Fact]
    public void Channel_shuffle_is_not_a_layer()
    {
        Assert.StartsWith("'channel_shuffle' is a function of a tensor, not a layer", Message("  [|channel_shuffle|](2)", "ND0108"));
    }

    // ---- hardsigmoid ----------------------------------------------------------------------------------------

    [Fact]
    public void Hardsigmoid_is_an_activation_child_or_function_whose_output_is_a_probability()
    {
        var net = Net("[16, 8, 8]", "  gate = input |> global_avgpool |> fc: linear(4) |> relu |> linear(16) |> hardsigmoid\n  input * gate.hardsigmoid");

        Assert.Equal(S(16, 8, 8), net.Output);
        Assert.Contains("nn.Hardsigmoid()", net.Text);
        Assert.Equal(OutputKind.IndependentProbabilities, OpCatalog.Find("hardsigmoid")!.OutputKind);
        Assert.Contains("OutputKind.IndependentProbabilities", Net("[4]", "  linear(1) |> hardsigmoid").Text);
    }

    // ---- bn(scale: false) -----------------------------------------------------------------------------------

    [Fact]
    public void Batch_norm_without_scale_trains_only_its_bias()
    {
        var affine = Net("[8, 4, 4]", "  bn");
        var unscaled = Net("[8, 4, 4]", "  bn(eps: 0.001, scale: false)");
        var vector = Net("[6]", "  bn(scale: false)");

        Assert.Equal((16L, 16L), (affine.ParameterCount, affine.BufferCount));
        Assert.Equal((8L, 16L), (unscaled.ParameterCount, unscaled.BufferCount));
        Assert.Equal((6L, 12L), (vector.ParameterCount, vector.BufferCount));
        Assert.Contains("NetDslLayers.BatchNorm(input, eps: 0.001, momentum: 0.1, scale: false)", unscaled.Text);
        // The affine case is generated exactly as before the argument existed.
        Assert.Contains("NetDslLayers.BatchNorm(input, eps: 1E-05, momentum: 0.1)", affine.Text);
    }

    [Fact]
    public void Catalog_state_keys_follow_the_reference_modules()
    {
        var bn = OpCatalog.Find("bn")!;
        var window = OpCatalog.Find("window_attention")!;

        Assert.Equal(new[] { "bias", "running_mean", "running_var", "num_batches_tracked" }, bn.StateKeys(Arguments(bn, ("scale", Semantics.ScalarValue.OfBool(false)))));
        Assert.Equal(new[] { "relative_position_bias_table", "relative_position_index", "qkv.weight", "qkv.bias", "proj.weight", "proj.bias" },
            window.StateKeys(Arguments(window)));
        Assert.Equal(new[] { "relative_position_bias_table", "relative_position_index", "qkv.weight", "proj.weight" },
            window.StateKeys(Arguments(window, ("qkv_bias", Semantics.ScalarValue.OfBool(false)), ("proj_bias", Semantics.ScalarValue.OfBool(false)))));
        Assert.Empty(OpCatalog.Find("stochastic_depth")!.StateKeys(Arguments(OpCatalog.Find("stochastic_depth")!)));
        // Cross-attention to a memory of another width has PyTorch's separate projections (kdim, vdim); of the same width, one in_proj_weight.
        var attention = OpCatalog.Find("attention")!;
        Assert.Equal(new[] { "q_proj_weight", "k_proj_weight", "v_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias" },
            attention.StateKeys(Arguments(attention), new[] { new Shape(5, 8), new Shape(5, 12) }));
        Assert.Equal(new[] { "in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias" },
            attention.StateKeys(Arguments(attention), new[] { new Shape(5, 8), new Shape(3, 8) }));
    }

    [Fact]
    public void ShuffleNet_v2_written_with_channel_shuffle_has_torchvisions_parameter_count()
    {
        // torchvision's shufflenet_v2_x1_0: 2,278,604 parameters (its ShuffleNet_V2_X1_0_Weights meta, and
        // sum(p.numel() for p in shufflenet_v2_x1_0().parameters()) with torchvision 0.14).
        var net = TestCompiler.Network("""
            block ShuffleDown(out) {
              f = out / 2
              concat(branch1: (depthwise(3, stride: 2, padding: 1, bias: false) |> bn |> conv(f, 1, bias: false) |> bn |> relu),
                     branch2: (conv(f, 1, bias: false) |> bn |> relu |> depthwise(3, stride: 2, padding: 1, bias: false) |> bn
                               |> conv(f, 1, bias: false) |> bn |> relu))
              |> .channel_shuffle(2)
            }
            block ShuffleUnit {
              f = input.channels / 2
              (a, b) = input.chunk(2)
              concat(a, b |> branch2: (conv(f, 1, bias: false) |> bn |> relu |> depthwise(3, padding: 1, bias: false) |> bn
                                       |> conv(f, 1, bias: false) |> bn |> relu))
              |> .channel_shuffle(2)
            }
            block ShuffleStage(out, repeats) = ShuffleDown(out) |> *: ShuffleUnit() * (repeats - 1)
            network ShuffleNetV2(classes = 1000) {
              input [3, 224, 224]
              conv1: (conv(24, 3, stride: 2, padding: 1, bias: false) |> bn |> relu)
              maxpool: maxpool(3, stride: 2, padding: 1)
              stage2: ShuffleStage(116, 4)
              stage3: ShuffleStage(232, 8)
              stage4: ShuffleStage(464, 4)
              conv5: (conv(1024, 1, bias: false) |> bn |> relu)
              global_avgpool |> fc: linear(classes)
            }
            """);

        Assert.Equal(2_278_604, net.ParameterCount);
        Assert.Equal(S(1000), net.Output);
        Assert.Equal(S(1024, 7, 7), net["conv5.0"].Output);
    }

    /// <summary>An op's arguments: the catalog's defaults, then the values given.</summary>
    private static OpArguments Arguments(OpDefinition op, params (string Name, Semantics.ScalarValue Value)[] given)
    {
        var values = op.Arguments.Select(a => a.Default).ToArray();
        foreach (var (name, value) in given) values[op.IndexOf(name)] = value;
        return new OpArguments(op, values);
    }
}
