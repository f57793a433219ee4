using System.Linq;
using NetDsl.Analysis;
using NetDsl.Compiler;
using Xunit;

namespace NetDsl.DslTests.Analysis;

/// <summary>Names resolve as the lowerer resolves them: declaration scopes, groups, blocks across files, named arguments.</summary>
public sealed class SymbolIndexTests
{
    private static ProjectSnapshot Analyze(params (string Path, string Text)[] files) =>
        new ProjectAnalyzer().Analyze(files.Select(f => new DslSource(f.Path, f.Text)).ToList());

    [Fact]
    public void A_group_sees_outer_names_and_keeps_its_own()
    {
        const string text = "block B(f) {\n  x = input\n  g: {\n    x = conv(f, 1)\n    x |> relu\n  }\n  x + g\n}\n";
        var symbols = Analyze(("a.net", text)).Symbols;
        var inner = symbols.At("a.net", text.IndexOf("x |> relu", System.StringComparison.Ordinal))!;
        Assert.Equal(text.IndexOf("x = conv", System.StringComparison.Ordinal), inner.Symbol.NameRange.Start);
        var outer = symbols.At("a.net", text.IndexOf("x + g", System.StringComparison.Ordinal))!;
        Assert.Equal(text.IndexOf("x = input", System.StringComparison.Ordinal), outer.Symbol.NameRange.Start);
        var parameter = symbols.At("a.net", text.IndexOf("f, 1", System.StringComparison.Ordinal))!;
        Assert.Equal(SymbolKind.Parameter, parameter.Symbol.Kind);
        Assert.Equal(2, symbols.References(parameter.Symbol).Count);
    }

    [Fact]
    public void The_first_declaration_of_a_block_is_the_one_calls_reach()
    {
        const string text = "block Twice = relu\nnetwork N {\n  input [4]\n  Twice\n}\n";
        var snapshot = Analyze(("a.net", text), ("b.net", "block Twice = relu\n"));
        var call = snapshot.Symbols.At("a.net", text.IndexOf("  Twice", System.StringComparison.Ordinal) + 2)!;
        Assert.False(call.IsDefinition);
        Assert.Equal(("a.net", SymbolKind.Block), (call.Symbol.Path, call.Symbol.Kind));
        Assert.Equal("a.net", snapshot.Symbols.Declaration("Twice")!.Path);
    }

    [Fact]
    public void Labels_of_merge_branches_are_labels_and_op_arguments_are_not()
    {
        const string text = "network N {\n  input [3, 8, 8]\n  concat(left: conv(8, 1, stride: 1), right: relu)\n}\n";
        var snapshot = Analyze(("a.net", text));
        var labels = snapshot.Symbols.DefinedIn("a.net").Where(s => s.Kind == SymbolKind.Label).Select(s => s.Name);
        Assert.Equal(new[] { "left", "right" }, labels);
        Assert.Null(snapshot.Symbols.At("a.net", text.IndexOf("stride", System.StringComparison.Ordinal)));
    }
}
