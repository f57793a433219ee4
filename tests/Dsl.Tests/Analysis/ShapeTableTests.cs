using System.Collections.Generic;
using System.Linq;
using NetDsl.Analysis;
using NetDsl.Compiler;
using Xunit;

namespace NetDsl.DslTests.Analysis;

/// <summary>What the checker observer records: each call of a block, numbers, parameters, absent layers, parallel copies.</summary>
public sealed class ShapeTableTests
{
    private const string Source = """
        block Unit(f, pre = true) {
          hidden = input.channels * 2
          relu if pre |> conv(hidden, 1) |> conv(f, 3, padding: 1)
        }

        network Net {
          input [3, 8, 8]
          first: Unit(16)
          Unit(32, pre: false)
          x = add(branches: parallel 2 { conv(32, 1) })
          x |> flatten
        }
        """;

    private static ProjectSnapshot Analyze() => new ProjectAnalyzer().Analyze(new[] { new DslSource("m.net", Source) });

    private static IReadOnlyList<SiteShape> At(ProjectSnapshot snapshot, ShapedKind kind, string name, int occurrence = 0) =>
        snapshot.Shapes.Sites("m.net").Where(s => s.Site.Kind == kind && s.Site.Name == name).Select(s => s.Shapes).ElementAt(occurrence);

    [Fact]
    public void A_block_line_has_a_shape_per_call_with_its_path()
    {
        var conv = At(Analyze(), ShapedKind.Layer, "conv", occurrence: 1);
        // The second call leaves relu out, which then takes no index: its 3x3 conv is child 1, not 2.
        Assert.Equal(new[] { ("first.2", "[16, 8, 8]"), ("1.1", "[32, 8, 8]") }, conv.Select(s => (s.Path, s.Output.ToString())));
        // 3x3 conv from 6 and from 32 channels: 16 * 6 * 9 + 16 and 32 * 32 * 9 + 32.
        Assert.Equal(new long?[] { 880, 9248 }, conv.Select(s => s.Parameters));
        Assert.All(conv, s => Assert.Equal("Net", s.Network));
    }

    [Fact]
    public void Numbers_and_parameters_have_their_value_at_each_call()
    {
        var snapshot = Analyze();
        Assert.Equal(new[] { "6", "32" }, At(snapshot, ShapedKind.Number, "hidden").Select(s => s.Number));
        Assert.Equal(new[] { "true", "false" }, At(snapshot, ShapedKind.Parameter, "pre").Select(s => s.Number));
    }

    [Fact]
    public void A_layer_left_out_by_its_condition_is_absent_at_that_call()
    {
        var relu = At(Analyze(), ShapedKind.Layer, "relu");
        Assert.Equal(new[] { false, true }, relu.Select(s => s.Absent));
    }

    [Fact]
    public void A_block_call_counts_everything_inside_it_and_a_parallel_group_its_copies()
    {
        var snapshot = Analyze();
        var calls = snapshot.Shapes.Sites("m.net").Where(s => s.Site.Kind == ShapedKind.Layer && s.Site.Name == "Unit").SelectMany(s => s.Shapes).ToList();
        // Unit(16) on 3 channels: conv(6, 1) = 6 * 3 + 6, conv(16, 3) = 880; Unit(32) on 16: conv(32, 1) = 544, conv(32, 3) = 9248.
        Assert.Equal(new long?[] { 904, 9792 }, calls.Select(c => c.Parameters));
        var parallel = At(snapshot, ShapedKind.Group, "branches").Single();
        Assert.Equal(2, parallel.Copies);
        Assert.Equal("[32, 8, 8]", parallel.Output.ToString());
        Assert.Equal(2 * (32 * 32 + 32), parallel.Parameters);
        Assert.Equal("[32, 8, 8]", At(snapshot, ShapedKind.Value, "x").Single().Output.ToString());
    }

    [Fact]
    public void Functions_and_arithmetic_on_values_have_their_shapes()
    {
        var snapshot = new ProjectAnalyzer().Analyze(new[] { new DslSource("m.net", """
            network Tokens {
              input [3, 8, 8]
              x = input |> conv(16, 4, stride: 4) |> .flatten(1) |> .permute(1, 0)
              x * 0.5
            }
            """) });
        Assert.Equal("[16, 4]", At(snapshot, ShapedKind.Function, "flatten").Single().Output.ToString());
        var permute = At(snapshot, ShapedKind.Function, "permute").Single();
        Assert.Equal(("(permute)", "[4, 16]"), (permute.Path, permute.Output.ToString()));
        Assert.Equal("[4, 16]", snapshot.Shapes.Sites("m.net").Single(s => s.Site.Kind == ShapedKind.Function && s.Site.Name.Contains('*')).Shapes.Single().Output.ToString());
    }
    [Fact]
    public void A_learned_tensor_has_the_shape_of_its_value()
    {
        var snapshot = new ProjectAnalyzer().Analyze(new[] { new DslSource("m.net", """
            network Tokens {
              input [4, 8]
              token = parameter(1, 1, 8, batch_axis: true)
              scale = parameter(8, fill: 1)
              mul(concat(token, input), scale)
            }
            """) });
        // The batch axis is the samples' axis: a sample sees [1, 8] of the stored [1, 1, 8].
        Assert.Equal("[1, 8]", At(snapshot, ShapedKind.Value, "token").Single().Output.ToString());
        Assert.Equal("[5, 8]", At(snapshot, ShapedKind.Merge, "mul").Single().Output.ToString());
        Assert.Equal("[8]", At(snapshot, ShapedKind.Value, "scale").Single().Output.ToString());
    }
}
