using System.Linq;
using NetDsl.DslTests.Infrastructure;
using Xunit;
using static NetDsl.DslTests.Infrastructure.ShapeExtensions;

namespace NetDsl.DslTests;

/// <summary>
/// Shapes and parameter counts the checker computes, against numbers worked out by hand (and, for the conventions,
/// PyTorch's and Keras' formulas). Each network is small enough to recompute on paper.
/// </summary>
public sealed class ShapeAndParameterTests
{
    private static GeneratedNetwork Net(string input, string body, string parameters = "") =>
        TestCompiler.Network($"network N{parameters} {{\n  input {input}\n{body}\n}}\n");

    [Fact]
    public void Conv_3_to_16_with_a_3x3_kernel_has_448_parameters()
    {
        var net = Net("[3, 32, 32]", "  conv(16, 3)");

        // 16 filters * 3 channels * 3 * 3 weights + 16 biases.
        Assert.Equal(16 * 3 * 3 * 3 + 16, net["0"].Parameters);
        Assert.Equal(448, net.ParameterCount);
        Assert.Equal(S(16, 30, 30), net["0"].Output);
        Assert.Equal(S(16, 30, 30), net.Output);
        Assert.Equal(S(3, 32, 32), net.Input);
    }

    [Fact]
    public void Conv_without_bias_counts_only_weights()
    {
        Assert.Equal(16 * 3 * 3 * 3, Net("[3, 32, 32]", "  conv(16, 3, bias: false)").ParameterCount);
    }

    [Fact]
    public void Linear_infers_its_in_features_after_flatten()
    {
        var net = Net("[3, 32, 32]", "  conv(16, 3)\n  flatten\n  linear(10)");

        Assert.Equal(S(16 * 30 * 30), net["1"].Output);
        Assert.Equal(14400 * 10 + 10, net["2"].Parameters);
        Assert.Equal(448 + 144010, net.ParameterCount);
        Assert.Equal(S(10), net.Output);
    }

    [Fact]
    public void A_matching_explicit_in_is_accepted_and_bias_false_drops_the_biases()
    {
        var net = Net("[8, 4, 4]", "  flatten |> linear(10, in: 128, bias: false)");

        Assert.Equal(1280, net.ParameterCount);
    }

    [Theory]
    [InlineData(9, 5)]
    [InlineData(8, 4)]
    [InlineData(7, 4)]
    [InlineData(1, 1)]
    public void Same_padding_with_stride_2_gives_ceil_of_half(long size, long expected)
    {
        var net = Net($"[3, {size}, {size}]", "  conv(4, 3, stride: 2, padding: same)");

        Assert.Equal(S(4, expected, expected), net.Output);
        Assert.Equal(4 * 3 * 9 + 4, net.ParameterCount);
    }

    [Fact]
    public void Same_padding_with_an_even_kernel_keeps_the_size()
    {
        Assert.Equal(S(4, 5, 5), Net("[3, 5, 5]", "  conv(4, 2, padding: same)").Output);
    }

    [Fact]
    public void Valid_padding_is_no_padding()
    {
        Assert.Equal(S(4, 6, 6), Net("[3, 8, 8]", "  conv(4, 3, padding: valid)").Output);
    }

    [Theory]
    [InlineData("maxpool(3, stride: 2)", 7, 3)]               // floor((7 - 3) / 2) + 1
    [InlineData("maxpool(3, stride: 2, ceil: true)", 6, 3)]   // ceil((6 - 3) / 2) + 1; the last window starts at 4 < 6
    [InlineData("maxpool(2, ceil: true)", 5, 3)]              // ceil((5 - 2) / 2) + 1
    [InlineData("maxpool(2, padding: 1, ceil: true)", 5, 3)]  // ceil(5 / 2) + 1 = 4, but window 4 would start at 6 >= 5 + 1: PyTorch drops it
    [InlineData("maxpool(2, padding: 1)", 5, 3)]              // floor(5 / 2) + 1
    [InlineData("avgpool(2)", 8, 4)]
    public void Pooling_floors_and_ceil_mode_follows_pytorch(string pool, long size, long expected)
    {
        var net = Net($"[4, {size}, {size}]", "  " + pool);

        Assert.Equal(S(4, expected, expected), net.Output);
        Assert.Equal(0, net.ParameterCount);
    }

    [Fact]
    public void Pooling_without_ceil_floors_and_warns_about_the_dropped_row()
    {
        var result = TestCompiler.Compile("network N {\n  input [4, 6, 6]\n  maxpool(3, stride: 2)\n}\n");

        // floor((6 - 3) / 2) + 1 = 2: windows cover rows 0-2 and 2-4, row 5 is never seen.
        Assert.Equal("ND0210", Assert.Single(result.Diagnostics).Id);
        Assert.Equal(S(4, 2, 2), result.Network("N").Output);
    }

    [Fact]
    public void Pool_stride_defaults_to_the_kernel()
    {
        Assert.Equal(S(4, 3, 3), Net("[4, 9, 9]", "  maxpool(3)").Output);
    }

    [Fact]
    public void AlexNet_conv1_on_224_drops_border_pixels_but_not_on_227()
    {
        var at224 = TestCompiler.Compile("network A {\n  input [3, 224, 224]\n  conv(96, 11, stride: 4)\n}\n");
        var warning = Assert.Single(at224.Diagnostics);
        Assert.Equal("ND0210", warning.Id);
        // floor((224 - 11) / 4) + 1 = 54; the last window ends at row 53 * 4 + 10 = 222, row 223 is never seen.
        Assert.Equal(S(96, 54, 54), at224.Network("A").Output);

        var net = Net("[3, 227, 227]", "  conv(96, 11, stride: 4)");
        Assert.Equal(S(96, 55, 55), net.Output);
        Assert.Equal(96 * 3 * 11 * 11 + 96, net.ParameterCount);
        Assert.Equal(34944, at224.Network("A").ParameterCount);
    }

    [Fact]
    public void Groups_divide_the_input_channels_of_each_filter()
    {
        var net = Net("[6, 8, 8]", "  conv(4, 3, groups: 2, bias: false)");

        // Each of the 4 filters sees 6 / 2 = 3 channels.
        Assert.Equal(4 * 3 * 3 * 3, net.ParameterCount);
        Assert.Equal(S(4, 6, 6), net.Output);
    }

    [Fact]
    public void Depthwise_has_one_filter_per_channel_times_the_multiplier()
    {
        var net = Net("[4, 8, 8]", "  depthwise(3, padding: 1, multiplier: 2)");

        // 4 * 2 = 8 output channels, each a 3x3 filter over one channel, plus 8 biases.
        Assert.Equal(S(8, 8, 8), net.Output);
        Assert.Equal(8 * 9 + 8, net.ParameterCount);
        Assert.Equal(4 * 9, Net("[4, 8, 8]", "  depthwise(3, bias: false)").ParameterCount);
    }

    [Fact]
    public void Sepconv_counts_like_keras_SeparableConv2D()
    {
        var net = Net("[8, 10, 10]", "  sepconv(16, 3)");

        // Keras: k*k*Cin (depthwise, no bias) + Cin*Cout + Cout (pointwise).
        Assert.Equal(3 * 3 * 8 + 8 * 16 + 16, net.ParameterCount);
        Assert.Equal(216, net.ParameterCount);
        Assert.Equal(S(16, 8, 8), net.Output);
        Assert.Equal(3 * 3 * 8 + 8 * 16, Net("[8, 10, 10]", "  sepconv(16, 3, bias: false)").ParameterCount);
    }

    [Fact]
    public void Sepconv_with_stride_and_same_padding_sizes_like_its_depthwise_part()
    {
        Assert.Equal(S(16, 5, 5), Net("[8, 10, 10]", "  sepconv(16, 3, stride: 2, padding: same)").Output);
    }

    [Fact]
    public void Batch_norm_has_2C_trainable_parameters_and_2C_buffers()
    {
        var map = Net("[32, 4, 4]", "  bn");
        Assert.Equal((64L, 64L), (map.ParameterCount, map.BufferCount));
        Assert.Equal((64L, 64L), (map["0"].Parameters, map["0"].Buffers));

        var vector = Net("[20]", "  bn\n  linear(5, bias: false)");
        Assert.Equal(40 + 100, vector.ParameterCount);
        Assert.Equal(40, vector.BufferCount);
    }

    [Fact]
    public void Dilation_widens_the_window()
    {
        // span = 2 * (3 - 1) + 1 = 5, so 9 - 5 + 1 = 5.
        var net = Net("[3, 9, 9]", "  conv(4, 3, dilation: 2)");

        Assert.Equal(S(4, 5, 5), net.Output);
        Assert.Equal(4 * 3 * 9 + 4, net.ParameterCount);
    }

    [Fact]
    public void Pairs_give_different_kernel_stride_and_padding_per_axis()
    {
        var net = Net("[3, 8, 8]", "  conv(4, (1, 7), padding: (0, 3))\n  maxpool((2, 1), stride: (2, 1))");

        Assert.Equal(S(4, 8, 8), net["0"].Output);
        Assert.Equal(4 * 3 * 1 * 7 + 4, net.ParameterCount);
        Assert.Equal(S(4, 4, 8), net.Output);
    }

    [Fact]
    public void Global_pooling_gives_a_vector_and_adaptive_pooling_a_fixed_map()
    {
        Assert.Equal(S(8), Net("[8, 5, 7]", "  global_avgpool").Output);
        Assert.Equal(S(8), Net("[8, 5, 7]", "  global_maxpool").Output);
        Assert.Equal(S(8, 2, 2), Net("[8, 5, 7]", "  adaptive_avgpool(2)").Output);
        Assert.Equal(S(8, 2, 3), Net("[8, 5, 7]", "  adaptive_avgpool(2, 3)").Output);
    }

    [Fact]
    public void Zeropad_and_reshape()
    {
        Assert.Equal(S(3, 10, 10), Net("[3, 8, 8]", "  zeropad(1)").Output);
        Assert.Equal(S(3, 9, 9), Net("[3, 8, 8]", "  zeropad(0, 1, 0, 1)").Output);
        Assert.Equal(S(3, 11, 12), Net("[3, 8, 8]", "  zeropad(1, 2, left: 3, right: 1)").Output);
        Assert.Equal(S(3, 8, 8), Net("[192]", "  reshape(3, 8, 8)").Output);
        Assert.Equal(S(192), Net("[3, 8, 8]", "  reshape(192)").Output);
    }

    [Fact]
    public void Elementwise_ops_keep_the_shape_and_have_no_parameters()
    {
        var net = Net("[3, 8, 8]", "  relu |> relu6 |> leaky_relu(0.2) |> sigmoid |> tanh |> gelu |> silu |> hardswish |> softmax |> identity |> dropout(0.1) |> lrn(5)");

        Assert.All(net.Rows, row => Assert.Equal(S(3, 8, 8), row.Output));
        Assert.Equal(12, net.Rows.Count);
        Assert.Equal(0, net.ParameterCount);
    }

    [Fact]
    public void Concat_adds_channels_add_keeps_the_shape_and_mul_broadcasts_a_vector_over_a_map()
    {
        var concat = Net("[3, 8, 8]", "  concat(conv(4, 1), conv(6, 1), input)");
        Assert.Equal(S(13, 8, 8), concat.Output);
        Assert.Equal(S(13, 8, 8), concat["(concat)"].Output);

        var add = Net("[3, 8, 8]", "  conv(4, 1) + conv(4, 3, padding: 1)");
        Assert.Equal(S(4, 8, 8), add.Output);
        Assert.Equal(16 + 112, add.ParameterCount);

        // Squeeze-and-excitation: [C] * [C, H, W].
        var se = Net("[16, 8, 8]", "  input * (global_avgpool |> linear(4) |> relu |> linear(16) |> sigmoid)");
        Assert.Equal(S(16, 8, 8), se.Output);
        Assert.Equal(16 * 4 + 4 + 4 * 16 + 16, se.ParameterCount);
    }

    [Fact]
    public void Concat_of_vectors_adds_features()
    {
        Assert.Equal(S(30), Net("[3, 8, 8]", "  concat(global_avgpool |> linear(10), global_avgpool |> linear(20))").Output);
    }

    [Fact]
    public void Sizes_may_use_parameters_members_and_floor_arithmetic()
    {
        var net = Net("[3, size, size]", """
              conv(width * 2, 3, padding: 1)
              global_avgpool
              linear(input.channels * 4 + -7 / 2)
              linear(-7 % 2 + 4)
            """, "(size = 16, width = 4)");

        Assert.Equal(S(3, 16, 16), net.Input);
        Assert.Equal(S(8, 16, 16), net["0"].Output);
        // 'input' is the network's input (3 channels); -7 / 2 floors to -4, and -7 % 2 is 1 (as Python).
        Assert.Equal(S(3 * 4 - 4), net["2"].Output);
        Assert.Equal(S(5), net.Output);
    }

    [Fact]
    public void Block_sizes_can_read_the_block_input()
    {
        var net = TestCompiler.Network("""
            block SE(rate = 16) = input * (input |> global_avgpool |> linear(input.channels / rate) |> relu |> linear(input.channels) |> sigmoid)
            network N {
              input [64, 7, 7]
              SE(4)
            }
            """);

        Assert.Equal(S(16), net["0.1"].Output);
        Assert.Equal(64 * 16 + 16 + 16 * 64 + 64, net.ParameterCount);
        Assert.Equal(S(64, 7, 7), net.Output);
    }

    [Fact]
    public void A_float_parameter_flows_into_a_float_argument()
    {
        var net = TestCompiler.Network("""
            block Scale(gain: float = 0.25) = dropout(gain)
            network N(p: float = 0.5) {
              input [3, 8, 8]
              Scale
              Scale(p)
              Scale(0)
            }
            """);

        Assert.Equal(new[] { "0.0", "1.0", "2.0" }, net.Paths);
    }

    [Fact]
    public void A_block_is_checked_per_call_with_its_own_arguments()
    {
        var net = TestCompiler.Network("""
            block B(f) = conv(f, 3, padding: 1)
            network N {
              input [3, 8, 8]
              B(4)
              B(8)
            }
            """);

        Assert.Equal(4 * 27 + 4, net["0.0"].Parameters);
        Assert.Equal(8 * 36 + 8, net["1.0"].Parameters);
        Assert.Equal(net.Rows.Sum(r => r.Parameters), net.ParameterCount);
    }

    [Fact]
    public void The_tour_counts_add_up_by_hand()
    {
        var net = TestCompiler.Compile(Samples.Tour).Network("Small");

        long features = 32 * 9 + 32 + 2 * 32;                       // conv 1->32 k3, bn
        long fire1 = 32 * 16 + 16 + 16 * 32 + 32 + 16 * 32 * 9 + 32; // squeeze 32->16, expand 16->32 (1x1 and 3x3)
        long fire2 = 64 * 16 + 16 + 16 * 32 + 32 + 16 * 32 * 9 + 32; // the second Fire sees the 64 concatenated channels
        long branches = 4 * (64 * 8 + 8 + 8 * 64 * 9 + 64);          // 4 copies of conv 64->8 k1, conv 8->64 k3
        long se = 64 * 16 + 16 + 16 * 64 + 64;                       // SE(4): 64 -> 16 -> 64
        long cell = 2 * (64 * 4 + 4);                                // two conv 64->4 k1
        long down = 8 * 16 + 2 * 16 + (8 * 9 + 8 * 16 + 16);         // shortcut conv 8->16 no bias, bn, sepconv 8->16
        long head = 16 * 10 + 10;
        Assert.Equal(features + fire1 + fire2 + branches + se + cell + down + head, net.ParameterCount);
        Assert.Equal(2 * 32 + 2 * 16, net.BufferCount);
        Assert.Equal(S(10), net.Output);
        Assert.Equal(S(16, 7, 7), net["5(add)"].Output);
    }
}
