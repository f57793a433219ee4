using System.Linq;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// <c>name = layer(...)</c>: a child declared before its use is registered where it is declared (the state_dict order of
/// torchvision's Swin PatchMerging: reduction, then norm) and applied, checked and listed in the summary where its name is used.
/// </summary>
public sealed class DeclaredLayerTests
{
    private const string PatchMerging = """
        block Merge {
          reduction = layer(linear(2 * input.size(-1), bias: false))
          x = concat(input[0::2, 0::2], input[1::2, 0::2], input[0::2, 1::2], input[1::2, 1::2], dim: -1)
          x |> norm: layer_norm |> reduction
        }

        network N {
          input [8, 4, 6]
          permute(1, 2, 0) |> merge: Merge
        }
        """;

    private static string Net(string body) => $"network N {{\n  input [3, 8, 8]\n{body}\n}}\n";

    [Fact]
    public void A_declared_layer_is_applied_and_checked_where_it_is_used()
    {
        var result = TestCompiler.Compile(PatchMerging);
        result.AssertNoDiagnostics();
        var net = Assert.Single(result.Networks);

        // The summary lists layers in the order they run; the shape is the one at the use: [2, 3, 32] to [2, 3, 16].
        Assert.Equal(new[] { "merge.norm", "merge.reduction" }, net.Paths.Where(p => p.StartsWith("merge.", System.StringComparison.Ordinal)));
        Assert.Equal(new Shape(2, 3, 16), net["merge.reduction"].Output);
        Assert.Equal(32 * 16, net["merge.reduction"].Parameters);
        Assert.Equal(32 * 16 + 2 * 32, net.ParameterCount);
    }

    [Fact]
    public void The_constructor_registers_a_declared_layer_at_its_declaration()
    {
        var merge = TestCompiler.Compile(PatchMerging).Source("Merge.g.cs");

        var place = merge.IndexOf("var place", System.StringComparison.Ordinal);
        var norm = merge.IndexOf("register_module(\"norm\", norm);", System.StringComparison.Ordinal);
        var reduction = merge.IndexOf("NetDslLayers.RegisterAt(this, place", System.StringComparison.Ordinal);
        Assert.True(place >= 0 && place < norm && norm < reduction, merge);
        Assert.Contains("NetDslLayers.RegisterAt(this, place", merge);
        Assert.Contains("\"reduction\", reduction);", merge);
    }

    [Fact]
    public void A_layer_applied_right_after_its_declaration_is_registered_as_any_other()
    {
        var text = TestCompiler.Compile(Net("  head = layer(conv(4, 1))\n  x = input |> head\n  x |> relu")).Source("N.g.cs");

        Assert.DoesNotContain("RegisterAt", text);
        Assert.Contains("register_module(\"head\", head);", text);
    }

    [Fact]
    public void A_declared_repetition_and_block_are_children_of_the_declaring_scope()
    {
        var net = TestCompiler.Network("block B(f) = conv(f, 1) |> relu\n" + Net("  b = layer(B(4))\n  convs = layer(conv(4, 3, padding: 1) * 2)\n  conv(4, 1) |> b |> convs"));

        Assert.Equal(new[] { "0", "b.0", "b.1", "convs.0", "convs.1" }, net.Paths);
        Assert.Equal(new Shape(4, 8, 8), net.Output);
    }

    [Fact]
    public void A_shape_error_of_a_declared_layer_is_at_its_use()
    {
        // linear maps the last axis but refuses a map [C, H, W] (ND0206): the input is the one at the use.
        var diagnostic = TestCompiler.Single(Net("  fc = layer(linear(10))\n  conv(4, 1) |> [|fc|]"), "ND0206");

        Assert.Contains("linear", diagnostic.Message);
    }

    [Fact]
    public void A_declared_layer_applied_twice_is_ND0110()
    {
        var diagnostic = TestCompiler.Single(Net("  fc = layer(conv(3, 1))\n  fc |> [|fc|]"), "ND0110");

        Assert.Equal("the layer 'fc' is applied already at m.net(4,3); a declared layer is one child, applied once: declare another for a second application", diagnostic.Message);
    }

    [Fact]
    public void A_declared_layer_takes_its_name_as_its_label()
    {
        TestCompiler.Single(Net("  fc = layer(conv(3, 1))\n  [|fc|]: relu\n  fc"), "ND0110");
        var labelled = TestCompiler.Single(Net("  fc = layer([|head: conv(3, 1)|])\n  fc"), "ND0108");
        Assert.Equal("the declared layer is labelled by its name 'fc'; write fc = layer(...) without a label inside", labelled.Message);
    }

    [Theory]
    [InlineData("  fc = [|layer(conv(3, 1), relu)|]\n  relu", "'layer(...)' takes one op or block call, the child to declare, e.g. fc = layer(linear(8, bias: false)); its label is the name 'fc'")]
    [InlineData("  fc = layer([|input|])\n  relu", "'layer(...)' declares an op or a block (a child applied later), not a tensor")]
    [InlineData("  fc = layer([|add|])\n  relu", "a merge has no state to register; 'layer(...)' declares an op or a block, e.g. fc = layer(linear(8))")]
    [InlineData("  [|layer|](conv(3, 1))", "'layer(...)' declares a child to apply later, by its name: write it on a line of its own, e.g. reduction = layer(linear(8)), then apply it: x |> reduction")]
    public void What_layer_cannot_declare_is_ND0108(string body, string message)
    {
        var diagnostic = TestCompiler.Single(Net(body), "ND0108");

        Assert.Equal(message, diagnostic.Message);
    }

    [Fact]
    public void A_group_sees_no_declared_layer_of_the_scope_around_it()
    {
        var source = new MarkedSource(Net("  fc = layer(conv(3, 1))\n  { [|fc|] }\n  fc"));

        var diagnostic = Assert.Single(TestCompiler.Compile(source).Diagnostics);

        TestCompiler.AssertDiagnostic(diagnostic, "ND0116", source.Span);
        Assert.Equal("the layer 'fc' is declared outside this group, which registers its own children; declare it in the body that applies it", diagnostic.Message);
    }

    [Fact]
    public void A_block_named_layer_is_still_called()
    {
        var net = TestCompiler.Network("block layer(f) = conv(f, 1)\n" + Net("  x = layer(4)\n  x |> relu"));

        Assert.Equal(new[] { "0.0", "1" }, net.Paths);
    }
}
