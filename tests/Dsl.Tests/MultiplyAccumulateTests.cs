using System.Linq;
using System.Text.RegularExpressions;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// Compile-time multiply-accumulates per sample (torchvision's convention: convolutions, fully connected layers and
/// attention's matrix products) and activation memory, per layer, in total and in the generated summary.
/// </summary>
public sealed class MultiplyAccumulateTests
{
    private static GeneratedNetwork Net(string input, string body) =>
        TestCompiler.Network($"network N {{\n  input {input}\n{body}\n}}\n");

    [Fact]
    public void A_grouped_conv_multiplies_each_output_by_its_groups_channels_and_kernel()
    {
        var net = Net("[8, 10, 10]", "  conv(16, 3, groups: 4)");

        // 16 x 8 x 8 outputs, each summing 8 / 4 channels x 3 x 3.
        Assert.Equal(16L * 8 * 8 * 2 * 3 * 3, net["0"].MultiplyAccumulates);
        Assert.Equal(net["0"].MultiplyAccumulates, net.MultiplyAccumulates);
    }

    [Fact]
    public void Depthwise_and_separable_convs_count_their_kernel_windows_and_the_pointwise_conv()
    {
        var depthwise = Net("[4, 10, 10]", "  depthwise(3, multiplier: 2, padding: 1)");
        var separable = Net("[4, 10, 10]", "  sepconv(16, 3)");

        Assert.Equal(8L * 10 * 10 * 3 * 3, depthwise.MultiplyAccumulates);
        // Depthwise 4 channels x 3 x 3 at 8 x 8 positions, then 16 x 8 x 8 outputs of 4 channels.
        Assert.Equal(8L * 8 * 4 * 3 * 3 + 16L * 8 * 8 * 4, separable.MultiplyAccumulates);
    }

    [Fact]
    public void Linear_layers_count_every_token_and_a_symbolic_length_at_its_bound()
    {
        var net = Net("[t <= 16, 8]", "  linear(4)");

        Assert.Equal(16L * 4 * 8, net.MultiplyAccumulates);
    }

    [Fact]
    public void Self_attention_counts_projections_and_both_matrix_products()
    {
        var net = Net("[10, 32]", "  attention(4)");
        var gpt = Net("[10, 32]", "  gpt_attention(4)");

        // q, k, v and out projections (10 x 32 x 32 each), then q·kᵀ and weights·v (10 x 10 x 32 each).
        var expected = 4L * 10 * 32 * 32 + 2L * 10 * 10 * 32;
        Assert.Equal(expected, net.MultiplyAccumulates);
        Assert.Equal(expected, gpt.MultiplyAccumulates);
    }

    [Fact]
    public void Cross_attention_projects_keys_and_values_from_the_memory()
    {
        var result = TestCompiler.Compile("block Cross {\n  input q, memory\n  (q, memory) |> attention(4)\n}\nnetwork N {\n  input [10, 16]\n  m = input[0] |> reshape(4, 4)\n  (input, m) |> Cross()\n}\n");
        result.AssertNoDiagnostics();

        // Queries and output: 10 tokens x 16 x 16; keys and values: 4 memory tokens x 4 features x 16; products 10 x 4 x 16.
        Assert.Equal(2L * 10 * 16 * 16 + 2L * 4 * 4 * 16 + 2L * 10 * 4 * 16, result.Network("N").MultiplyAccumulates);
    }

    [Fact]
    public void Window_attention_counts_the_map_padded_to_whole_windows()
    {
        var whole = Net("[32, 14, 14]", "  permute(1, 2, 0)\n  window_attention(4, 7, shift: 3)");
        var padded = Net("[32, 10, 10]", "  permute(1, 2, 0)\n  window_attention(4, 7)");

        // qkv and proj: 4 x 32 per token and input channel; per window of 49 tokens, 49 x 49 x 32 twice.
        var expected = 196L * 32 * 4 * 32 + 2L * 196 * 49 * 32;
        Assert.Equal(expected, whole["1"].MultiplyAccumulates);
        Assert.Equal(expected, padded["1"].MultiplyAccumulates);
    }

    [Fact]
    public void Normalisation_activation_pooling_merges_and_embeddings_count_nothing()
    {
        var net = Net("[4, 8, 8]", "  x = input |> bn |> relu |> maxpool(2) |> avgpool(2) |> layer_norm2d\n  x + x |> flatten |> dropout(0.5)");
        var embedding = TestCompiler.Network("network E {\n  input tokens [t <= 8]\n  embedding(100, 16)\n}\n");

        Assert.Equal(0, net.MultiplyAccumulates);
        Assert.All(net.Rows, row => Assert.Equal(0, row.MultiplyAccumulates));
        Assert.Equal(0, embedding.MultiplyAccumulates);
    }

    [Fact]
    public void Repetitions_and_block_calls_add_every_copys_count()
    {
        var net = TestCompiler.Compile("block B(f) = conv(f, 3, padding: 1) |> relu\nnetwork N {\n  input [8, 5, 5]\n  B(8) * 3\n  B(8)\n}\n");
        net.AssertNoDiagnostics();

        var one = 8L * 5 * 5 * 8 * 3 * 3;
        var network = net.Network("N");
        Assert.Equal(4 * one, network.MultiplyAccumulates);
        Assert.Equal(4, network.Rows.Count(r => r.MultiplyAccumulates == one));
    }

    [Fact]
    public void Activation_bytes_are_every_rows_output_at_four_bytes_without_the_input()
    {
        var net = Net("[1, 8, 8]", "  conv(4, 3) |> relu\n  flatten\n  linear(10)");

        // conv and relu [4, 6, 6], flatten [144], linear [10].
        Assert.Equal((144L * 3 + 10) * 4, net.ActivationBytes);
    }

    [Fact]
    public void The_summary_has_a_mult_adds_column_and_the_totals()
    {
        var net = Net("[3, 32, 32]", "  conv(64, 3, padding: 1)\n  flatten\n  linear(10)");

        Assert.Matches(new Regex(@"Layer \(path\) +Op +Output shape +Param # +Mult-Adds\\n"), net.Text);
        // 64 x 32 x 32 outputs of 3 x 3 x 3: 1,769,472; then 65,536 x 10.
        Assert.Matches(new Regex(@"\\n0 +conv\(64, 3, padding: 1\) +\[64, 32, 32\] +1,792 +1\.77M\\n"), net.Text);
        Assert.Matches(new Regex(@"\\n2 +linear\(10\) +\[10\] +655,370 +655\.36K\\n"), net.Text);
        Assert.Contains(@"\nMult-adds per sample: 2.42M (2,424,832)\n", net.Text);
        Assert.Contains(@"\nActivations per sample: 0.52 MB (every layer's output, float32)", net.Text);
        Assert.Equal(2_424_832, net.MultiplyAccumulates);
    }
}
