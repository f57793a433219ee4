using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Analysis;
using NetDsl.Compiler;
using NetDsl.DslTests.Infrastructure;
using NetDsl.Syntax;
using Xunit;

namespace NetDsl.DslTests.Declarations;

/// <summary>
/// The declaration a generated network carries (docs/architecture.md, "The declaration travels with the module"): printed
/// from the syntax tree, it means what the file meant, and <see cref="DeclaredNetworks.Check"/> evaluates it for an
/// instance's arguments.
/// </summary>
public class DeclarationTests
{
    public static IEnumerable<object[]> ExampleFolders() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "examples"), "*.net", SearchOption.AllDirectories)
            .Select(Path.GetDirectoryName).Distinct().OrderBy(d => d, System.StringComparer.Ordinal)
            .Select(d => new object[] { Path.GetRelativePath(RepositoryPaths.Root, d!) });

    private static DslSource[] Sources(string folder) => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*.net")
        .OrderBy(f => f, System.StringComparer.Ordinal)
        .Select(f => new DslSource(Path.GetFileName(f), File.ReadAllText(f))).ToArray();

    [Theory]
    [MemberData(nameof(ExampleFolders))]
    public void Printed_examples_generate_the_same_code_and_are_in_canonical_layout(string folder)
    {
        var sources = Sources(folder);
        var printed = sources.Select(s => new DslSource(s.Path, DeclarationPrinter.Print(DslCompiler.Parse(s).Syntax.Declarations))).ToArray();
        foreach (var source in printed) Assert.Equal(DslFormatter.Format(source.Text), source.Text);
        var original = TestCompiler.Compile(sources);
        var again = TestCompiler.Compile(printed);
        Assert.DoesNotContain(original.Diagnostics, d => d.Severity == NetDsl.Diagnostics.DslSeverity.Error);
        Assert.Equal(original.Diagnostics.Select(d => (d.Id, d.Message)), again.Diagnostics.Select(d => (d.Id, d.Message)));
        Assert.Equal(original.Output.Sources.Select(s => s.HintName), again.Output.Sources.Select(s => s.HintName));
        foreach (var (first, second) in original.Output.Sources.Zip(again.Output.Sources)) Assert.Equal(first.Text, second.Text);
    }

    [Theory]
    [MemberData(nameof(ExampleFolders))]
    public void Every_generated_network_s_declaration_checks_to_its_own_summary(string folder)
    {
        var result = TestCompiler.Compile(Sources(folder));
        Assert.NotEmpty(result.Networks);
        foreach (var network in result.Networks)
        {
            var declared = DeclaredNetworks.Check(new NetworkDeclaration(network.Name, network.DeclarationText, new DeclarationArgument[0]));
            Assert.DoesNotContain(declared.Diagnostics, d => d.Severity == NetDsl.Diagnostics.DslSeverity.Error);
            var instance = declared.OrThrow();
            Assert.Equal(network.ParameterCount, instance.Parameters);
            Assert.Equal(network.BufferCount, instance.Buffers);
            Assert.Equal(network.Rows.Select(r => (r.Path, r.Output.ToString(), r.Parameters)),
                instance.Rows.Take(network.Rows.Count).Select(r => (r.Path, r.Output.ToString(), r.Parameters)));
        }
    }

    private const string Widths = """
        network Widths(width = 4, scale: float = 1.0, extra = false) {
          input [3, 8, 8]
          conv(int(width * scale), 3) |> relu
          conv(8, 1) if extra
        }
        """;

    [Fact]
    public void The_instance_s_arguments_replace_the_defaults()
    {
        var text = TestCompiler.Network(Widths).DeclarationText;
        var instance = DeclaredNetworks.Check(new NetworkDeclaration("Widths", text, new DeclarationArgument[]
        {
            new("width", 6L), new("scale", 2.0), new("extra", true),
        })).OrThrow();
        Assert.Equal(new Shape(12, 6, 6), instance.Rows[0].Output);
        Assert.Equal(12 * 27 + 12 + 8 * 12 + 8, instance.Parameters);
        Assert.Equal(new Shape(8, 6, 6), instance.Output);
    }

    [Fact]
    public void The_generated_constructor_records_its_arguments_defaults_included()
    {
        var network = TestCompiler.Network(Widths);
        Assert.Contains("Declaration = new(\"Widths\", DeclarationText, new global::NetDsl.DeclarationArgument[] { new(\"width\", width), new(\"scale\", scale), new(\"extra\", extra) });", network.Text);
        Assert.Single(network.Text.Split("DeclarationText = ").Skip(1));
    }

    [Theory]
    [InlineData("depth", "network 'Widths' has no parameter 'depth'")]
    [InlineData("width", "argument 'width' of network 'Widths' is Boolean; the parameter is an integer")]
    public void An_argument_that_does_not_fit_is_a_diagnostic_not_an_exception(string name, string message)
    {
        var text = TestCompiler.Network(Widths).DeclarationText;
        var declared = DeclaredNetworks.Check(new NetworkDeclaration("Widths", text, new[] { new DeclarationArgument(name, true) }));
        Assert.Null(declared.Network);
        Assert.Contains(declared.Diagnostics, d => d.Message == message);
        Assert.Contains(message, Assert.Throws<System.InvalidOperationException>(() => declared.OrThrow()).Message);
    }

    [Fact]
    public void A_text_without_the_network_or_with_errors_is_reported()
    {
        Assert.Contains(DeclaredNetworks.Check(new NetworkDeclaration("Other", Widths, new DeclarationArgument[0])).Diagnostics, d => d.Message.Contains("declares no network 'Other'"));
        Assert.Contains(DeclaredNetworks.Check(new NetworkDeclaration("Widths", "network Widths {", new DeclarationArgument[0])).Diagnostics, d => d.Id == "ND0002");
    }

    [Fact]
    public void Labels_that_need_quotes_and_operators_that_need_parentheses_print_back()
    {
        var syntax = DslCompiler.Parse(new DslSource("m.net", """
            block B(n) {
              "block-1": conv(n, 1) |> "a\"b{{c}}": relu
              "layer_{i + 1}": conv(n, 1) * 2
              x = input * (n - 1) / (2 + n) if not (n > 2 and n < 9) else input
              x |> .flatten(1)
            }
            """)).Syntax;
        var text = DeclarationPrinter.Print(syntax.Declarations);
        Assert.Contains("\"block-1\": conv(n, 1) |> \"a\\\"b{{c}}\": relu", text);
        Assert.Contains("\"layer_{i + 1}\": conv(n, 1) * 2", text);
        Assert.Contains("x = input * (n - 1) / (2 + n) if not (n > 2 and n < 9) else input", text);
        Assert.Equal(text, DeclarationPrinter.Print(DslCompiler.Parse(new DslSource("m.net", text)).Syntax.Declarations));
    }
}
