using System.Linq;
using NetDsl.Compiler;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// Summary rows show each op with the arguments its call wrote, evaluated for that application (docs/generator.md,
/// "Summary"), in <c>Layers</c>, the <c>Summary</c> constant and an instance's summary (<see cref="NetworkSummary"/>).
/// </summary>
public sealed class SummaryTests
{
    [Fact]
    public void Rows_inside_a_block_show_the_block_s_arguments_evaluated_and_leave_out_what_the_call_left_out()
    {
        var net = TestCompiler.Network("""
            block Basic(f, stride = 1, k = 3) {
              conv(f, k, stride: stride, padding: k / 2, bias: false) |> bn |> relu
            }

            network N {
              input [3, 16, 16]
              a: Basic(8)
              b: Basic(16, stride: 2, k: 5)
            }
            """);

        Assert.Equal("conv(8, 3, stride: 1, padding: 1, bias: false)", net["a.0"].Op);
        Assert.Equal("conv(16, 5, stride: 2, padding: 2, bias: false)", net["b.0"].Op);
        Assert.Equal("bn", net["b.1"].Op);
        // The longest op sets the column: two spaces, then the shape.
        Assert.Contains("conv(16, 5, stride: 2, padding: 2, bias: false)  [16, 8, 8]", net.Text);
    }

    [Fact]
    public void Tuples_floats_words_and_variadic_arguments_print_in_one_spelling()
    {
        var net = TestCompiler.Network("""
            block Cell(k, p: float, eps: float) {
              conv(4, (k, 1), padding: (k / 2, 0)) |> dropout(p) |> layer_norm2d(eps: eps)
            }

            network N(k = 3) {
              input [3, 8, 8]
              Cell(k, 0, 1e-6)
              conv(4, 3, padding: same) |> permute(1, 2, 0) |> .flatten(0, 1)
            }
            """);

        Assert.Equal(new[]
        {
            "conv(4, (3, 1), padding: (1, 0))", "dropout(0.0)", "layer_norm2d(eps: 1e-6)",
            "conv(4, 3, padding: same)", "permute(1, 2, 0)", "flatten(0, 1)",
        }, net.Rows.Select(r => r.Op));
    }

    [Fact]
    public void Named_arguments_print_in_the_op_s_order_and_positional_ones_stay_positional()
    {
        var net = TestCompiler.Network("""
            network N(width = 2) {
              input [3, 8, 8]
              conv(bias: false, padding: 1, kernel: 3, filters: 4 * width)
              conv(8, 1, groups: width, stride: 1)
            }
            """);

        Assert.Equal("conv(filters: 8, kernel: 3, padding: 1, bias: false)", net.Rows[0].Op);
        Assert.Equal("conv(8, 1, stride: 1, groups: 2)", net.Rows[1].Op);
    }

    [Fact]
    public void Each_copy_of_a_repetition_shows_its_own_index_dependent_arguments()
    {
        var net = TestCompiler.Network("""
            block Stage(f, drop: float) {
              conv(f, 1) |> stochastic_depth(drop)
            }

            network N(depth = 3) {
              input [4, 8, 8]
              stages: Stage(4 * (i + 1), 0.1 * i / (depth - 1)) for i in depth
            }
            """);

        Assert.Equal(new[] { "conv(4, 1)", "conv(8, 1)", "conv(12, 1)" }, net.Rows.Where(r => r.Path.EndsWith(".0")).Select(r => r.Op));
        Assert.Equal(new[] { "stochastic_depth(0.0)", "stochastic_depth(0.05)", "stochastic_depth(0.1)" }, net.Rows.Where(r => r.Path.EndsWith(".1")).Select(r => r.Op));
    }

    [Fact]
    public void Arithmetic_shows_its_number_evaluated_and_concat_its_axis()
    {
        var net = TestCompiler.Network("""
            network N(scale: float = 0.25) {
              input [4, 6]
              x = input * scale
              y = 1 - input
              concat(x, y, dim: -1)
            }
            """);

        Assert.Equal(new[] { "input * 0.25", "1 - input", "concat(dim: -1)" }, net.Rows.Select(r => r.Op));
    }

    private const string Classifier = """
        block Head(classes, hidden = 32) {
          linear(hidden) |> relu |> linear(classes)
        }

        network Classifier(classes = 10, width = 8) {
          input [3, 8, 8]
          conv(width, 3, padding: 1) |> relu |> global_avgpool
          head: Head(classes)
        }
        """;

    [Fact]
    public void An_instance_s_summary_shows_its_own_arguments_and_totals()
    {
        var compiled = TestCompiler.Network(Classifier);
        var declaration = new NetworkDeclaration("Classifier", compiled.DeclarationText, new DeclarationArgument[] { new("classes", 5L), new("width", 16L) });

        var summary = NetworkSummary.Of(DeclaredNetworks.Check(declaration).OrThrow());

        Assert.Equal("linear(5)", summary.Layers[^1].Op);
        Assert.Equal("conv(16, 3, padding: 1)", summary.Layers[0].Op);
        Assert.Equal(16 * 27 + 16 + 16 * 32 + 32 + 32 * 5 + 5, summary.Parameters);
        Assert.Equal(summary.Layers.Sum(l => l.Parameters), summary.Parameters);
        Assert.Equal(summary.Layers.Sum(l => l.MultiplyAccumulates), summary.MultiplyAccumulates);
        Assert.Equal(summary.Layers.Sum(l => l.Output.ElementCount * 4), summary.ActivationBytes);
        var lines = summary.Lines();
        Assert.Contains(lines, l => l.StartsWith("head.2 ") && l.Contains("linear(5)") && l.Contains("[5]"));
        Assert.Contains("Trainable parameters: " + summary.Parameters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), lines);
        Assert.Equal(string.Join("\n", lines), summary.ToString());
    }

    [Fact]
    public void The_instance_summary_of_the_declared_arguments_is_the_compile_time_summary()
    {
        var compiled = TestCompiler.Network(Classifier);
        var declaration = new NetworkDeclaration("Classifier", compiled.DeclarationText, new DeclarationArgument[] { new("classes", 10L), new("width", 8L) });

        var summary = NetworkSummary.Of(DeclaredNetworks.Check(declaration).OrThrow());

        Assert.Contains("public const string Summary = \"" + string.Join("\\n", summary.Lines()) + "\";", compiled.Text);
        Assert.Equal(compiled.Rows.Select(r => (r.Path, r.Op, r.Output, r.Parameters, r.MultiplyAccumulates)),
            summary.Layers.Select(r => (r.Path, r.Op, r.Output, r.Parameters, r.MultiplyAccumulates)));
    }

    [Fact]
    public void A_huge_repetition_is_listed_whole_at_run_time_and_its_first_thousand_layers_at_compile_time()
    {
        var compiled = TestCompiler.Network("""
            block Unit(k) {
              conv(4, 1, groups: k)
            }

            network Deep {
              input [4, 2, 2]
              Unit(1 + i % 2) for i in 49000
            }
            """);
        Assert.Equal(1000, compiled.Rows.Count);
        Assert.Contains("... 48,000 more layers (the first 1,000 of 49,000 are listed)", compiled.Text);

        var summary = NetworkSummary.Of(DeclaredNetworks.Check(new NetworkDeclaration("Deep", compiled.DeclarationText, new DeclarationArgument[0])).OrThrow());

        Assert.Equal(49_000, summary.Layers.Count);
        Assert.Equal(("0.48999.0", "conv(4, 1, groups: 2)"), (summary.Layers[^1].Path, summary.Layers[^1].Op));
        Assert.Equal(compiled.ParameterCount, summary.Parameters);
        Assert.Equal(compiled.MultiplyAccumulates, summary.MultiplyAccumulates);
        var lines = summary.Lines();
        Assert.Equal(49_000 + 10, lines.Count);
        Assert.DoesNotContain(lines, l => l.StartsWith("... "));
    }

    [Fact]
    public void An_op_longer_than_the_column_is_cut_in_the_table_but_whole_in_the_rows()
    {
        var net = TestCompiler.Network("""
            network N {
              input [2048, 4, 4]
              conv(filters: 2048, kernel: (3, 3), stride: (1, 1), padding: (1, 1), dilation: 1, groups: 2048, bias: false)
            }
            """);

        var op = net.Rows[0].Op;
        Assert.Equal("conv(filters: 2048, kernel: (3, 3), stride: (1, 1), padding: (1, 1), dilation: 1, groups: 2048, bias: false)", op);
        var table = net.Text.Split('\n').Single(l => l.Contains("public const string Summary"));
        Assert.Contains(op.Substring(0, NetworkSummary.OpWidth - 1) + "…  [2048, 4, 4]", table);
        Assert.DoesNotContain(op, table);
    }
}
