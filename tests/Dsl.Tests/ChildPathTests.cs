using NetDsl.DslTests.Infrastructure;
using Xunit;
using static NetDsl.DslTests.Infrastructure.ShapeExtensions;

namespace NetDsl.DslTests;

/// <summary>
/// Child paths (state_dict prefixes): nn.Sequential-style indexes that count every child, labels that replace the
/// index, repetitions and parallel copies numbered below their child, absent conditional layers taking no index.
/// </summary>
public sealed class ChildPathTests
{
    [Fact]
    public void Unlabelled_children_are_numbered_in_order()
    {
        var net = TestCompiler.Network("network N {\n  input [3, 8, 8]\n  conv(4, 3) |> relu\n  flatten\n}\n");

        Assert.Equal(new[] { "0", "1", "2" }, net.Paths);
    }

    [Fact]
    public void A_label_replaces_the_index_but_still_counts()
    {
        var net = TestCompiler.Network("network N {\n  input [3, 8, 8]\n  conv(4, 3)\n  act: relu\n  flatten\n}\n");

        Assert.Equal(new[] { "0", "act", "2" }, net.Paths);
    }

    [Fact]
    public void A_labelled_group_numbers_its_layers_below_the_label()
    {
        var net = TestCompiler.Network("""
            network N {
              input [1, 28, 28]
              features: (conv(32, 3, padding: 1) |> bn |> relu |> maxpool(2))
              classifier: { flatten |> linear(10) }
            }
            """);

        Assert.Equal(new[] { "features.0", "features.1", "features.2", "features.3", "classifier.0", "classifier.1" }, net.Paths);
    }

    [Fact]
    public void Labels_in_a_block_match_torchvision_squeezenet_fire()
    {
        var net = TestCompiler.Network("""
            block Fire(s, e1, e3) {
              squeeze: conv(s, 1) |> relu
              concat(expand1x1: conv(e1, 1) |> relu, expand3x3: conv(e3, 3, padding: 1) |> relu)
            }
            network N {
              input [96, 55, 55]
              Fire(16, 64, 64)
            }
            """);

        Assert.Equal(new[] { "0.squeeze", "0.1", "0.expand1x1", "0.3", "0.expand3x3", "0.5", "0(concat)" }, net.Paths);
        Assert.Equal(96 * 16 + 16, net["0.squeeze"].Parameters);
        Assert.Equal(S(128, 55, 55), net.Output);
    }

    [Fact]
    public void A_repetition_numbers_its_copies_below_its_own_index()
    {
        var net = TestCompiler.Network("""
            block B(f) {
              conv: conv(f, 3, padding: 1)
              bn
            }
            network N {
              input [3, 8, 8]
              stem: conv(4, 1)
              relu
              B(8) * 2
            }
            """);

        Assert.Equal(new[] { "stem", "1", "2.0.conv", "2.0.1", "2.1.conv", "2.1.1" }, net.Paths);
        Assert.Equal(8 * 4 * 9 + 8, net["2.0.conv"].Parameters);
        Assert.Equal(8 * 8 * 9 + 8, net["2.1.conv"].Parameters);
    }

    [Fact]
    public void An_op_repeated_numbers_each_copy()
    {
        var net = TestCompiler.Network("network N {\n  input [3, 8, 8]\n  conv(3, 3, padding: 1) * 3\n}\n");

        Assert.Equal(new[] { "0.0", "0.1", "0.2" }, net.Paths);
        Assert.Equal(3 * (3 * 27 + 3), net.ParameterCount);
    }

    [Fact]
    public void An_absent_conditional_layer_takes_no_index()
    {
        var net = TestCompiler.Network("""
            block B(f, pre = false) {
              relu if pre
              conv: conv(f, 3, padding: 1)
              bn
            }
            network N(p = false) {
              input [3, 8, 8]
              relu if p
              maxpool(2)
              B(4)
              B(4, pre: true)
            }
            """);

        Assert.Equal(new[] { "0", "1.conv", "1.1", "2.0", "2.conv", "2.2" }, net.Paths);
    }

    [Fact]
    public void A_present_conditional_layer_takes_its_index()
    {
        var net = TestCompiler.Network("network N(p = true) {\n  input [3, 8, 8]\n  relu if p\n  maxpool(2)\n}\n");

        Assert.Equal(new[] { "0", "1" }, net.Paths);
    }

    [Fact]
    public void An_optional_group_is_one_child()
    {
        var net = TestCompiler.Network("network N(deep = true) {\n  input [3, 8, 8]\n  (conv(4, 1) |> relu) if deep\n  flatten\n}\n");

        Assert.Equal(new[] { "0.0", "0.1", "1" }, net.Paths);
        Assert.Equal(new[] { "0" }, TestCompiler.Network("network N(deep = false) {\n  input [3, 8, 8]\n  (conv(4, 1) |> relu) if deep\n  flatten\n}\n").Paths);
    }

    [Fact]
    public void Parallel_copies_are_numbered_below_the_parallel_child()
    {
        var net = TestCompiler.Network("""
            network N {
              input [64, 8, 8]
              add(branches: parallel 2 { conv(8, 1) |> relu |> conv(64, 3, padding: 1) })
            }
            """);

        Assert.Equal(new[] { "branches.0.0", "branches.0.1", "branches.0.2", "branches.1.0", "branches.1.1", "branches.1.2", "(add)" }, net.Paths);
        Assert.Equal(2 * (64 * 8 + 8 + 8 * 64 * 9 + 64), net.ParameterCount);
    }

    [Fact]
    public void Merges_are_rows_but_not_children()
    {
        var net = TestCompiler.Network("network N {\n  input [3, 8, 8]\n  concat(conv(4, 1), conv(4, 1))\n  relu\n}\n");

        Assert.Equal(new[] { "0", "1", "(concat)", "2" }, net.Paths);
    }

    [Fact]
    public void A_multi_input_block_is_one_child()
    {
        var net = TestCompiler.Network("""
            block Cell(f = 8) {
              input x, prev
              concat(x |> conv(f, 1), prev |> conv(f, 1))
            }
            network N {
              input [3, 8, 8]
              a = conv(6, 1)
              (a, input) |> Cell(4)
            }
            """);

        Assert.Equal(new[] { "0", "1.0", "1.1", "1(concat)" }, net.Paths);
        Assert.Equal(6 * 4 + 4, net["1.0"].Parameters);
        Assert.Equal(3 * 4 + 4, net["1.1"].Parameters);
    }

    [Fact]
    public void A_star_label_makes_the_copies_children_of_the_scope_as_torchvision_densenet()
    {
        var net = TestCompiler.Network("""
            block DenseLayer(f = 4) = concat(input, input |> bn |> relu |> conv(f, 3, padding: 1))
            block DenseBlock(layers, growth = 4) = denselayer*: DenseLayer(growth) * layers
            network N {
              input [8, 8, 8]
              denseblock1: DenseBlock(2)
            }
            """);

        Assert.Equal(new[]
        {
            "denseblock1.denselayer1.0", "denseblock1.denselayer1.1", "denseblock1.denselayer1.2", "denseblock1.denselayer1(concat)",
            "denseblock1.denselayer2.0", "denseblock1.denselayer2.1", "denseblock1.denselayer2.2", "denseblock1.denselayer2(concat)",
        }, net.Paths);
        // bn 8 and conv 8->4, then bn 12 and conv 12->4 (dense connectivity grows the input by 4).
        Assert.Equal(16 + (8 * 4 * 9 + 4) + 24 + (12 * 4 * 9 + 4), net.ParameterCount);
        Assert.Equal(S(16, 8, 8), net.Output);
    }

    [Fact]
    public void A_parenthesised_pipeline_times_a_constant_is_written_out_in_the_scope()
    {
        var net = TestCompiler.Network("network N {\n  input [4, 8, 8]\n  hidden = input.channels * 2\n  (conv(hidden, 3, padding: 1) |> relu) * 2\n}\n");

        Assert.Equal(new[] { "0", "1", "2", "3" }, net.Paths);
        Assert.Equal((4 * 8 * 9 + 8) + (8 * 8 * 9 + 8), net.ParameterCount);
    }

    [Fact]
    public void A_repetition_of_zero_passes_the_value_through()
    {
        var net = TestCompiler.Network("network N(n = 0) {\n  input [4, 8, 8]\n  conv(4, 3, padding: 1) * n\n  relu\n}\n");

        Assert.Equal(new[] { "1" }, net.Paths);
        Assert.Equal(0, net.ParameterCount);
    }

    [Theory]
    [InlineData(1, new[] { "0", "(add)", "1" })]
    [InlineData(2, new[] { "0", "1" })]
    public void If_else_keeps_only_the_taken_branch(int stride, string[] paths)
    {
        var net = TestCompiler.Network($$"""
            network N(stride = {{stride}}) {
              input [16, 8, 8]
              body = input |> conv(16, 1)
              input + body if stride == 1 and input.channels == 16 else body
              relu
            }
            """);

        Assert.Equal(paths, net.Paths);
    }
}
