using System.Linq;
using Microsoft.CodeAnalysis;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>
/// Inputs the attribute fuzzer (<see cref="AttributeFuzzTests"/>) found to crash the generator or to make it write code
/// that does not compile, each reduced to a few lines, with what the user gets now: the NDxxxx diagnostic at its span
/// (marked <c>[|...|]</c>), or the C# compiler's own error, and generated code that adds no error of its own.
/// </summary>
public sealed class AttributeRegressionTests
{
    private const string Namespace = "namespace Tests.App;\n\n";

    private static (MarkedSource Source, GeneratorRun Run) Run(string marked, params (string FileName, string Text)[] netFiles)
    {
        var source = MarkedSource.Parse(CSharpHarness.Usings + Namespace + marked);
        var run = CSharpHarness.Run(source.Text, "Model.cs", netFiles);
        Assert.Null(run.Generator.Exception);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id is "ND9999" or "CS8785");
        return (source, run);
    }

    /// <summary>The one diagnostic with <paramref name="id"/>, at the mark; the generated code compiles with the class.</summary>
    private static Diagnostic Single(string marked, string id, params (string FileName, string Text)[] netFiles)
    {
        var (source, run) = Run(marked, netFiles);
        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == id);
        Assert.Equal(TestPaths.Source("Model.cs"), diagnostic.Location.SourceTree?.FilePath);
        Assert.True(source.Span == diagnostic.Location.SourceSpan,
            $"{id} at '{source.Text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length)}', expected '{source.Text.Substring(source.Span.Start, source.Span.Length)}': {diagnostic.GetMessage()}");
        Assert.Empty(run.CompilationErrors);
        return diagnostic;
    }

    // ---- crashes ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("[Layers([|\"\"\")]|]\n    partial void Body();")]
    [InlineData("[Linear([|\"\"\")]|]\n    partial void Body();")]
    [InlineData("[ReLU(Label = \"x\", [|\"\"\")]|]\n    partial void Body();")]
    [InlineData("[Layers([|\"relu)]|]\n    partial void Body();")]
    public void An_unterminated_string_is_left_to_the_csharp_compiler(string stage)
    {
        // Found as ND9999 (ArgumentOutOfRangeException): the contents of an unterminated raw string had a negative length.
        var (source, run) = Run("[Network(1, 8, 8)]\npublic partial class Net\n{\n    " + stage + "\n}");

        Assert.DoesNotContain(run.Diagnostics, d => d.Location.SourceSpan.IntersectsWith(source.Span));
        Assert.Contains(run.CompilationErrors, d => d.Id.StartsWith("CS", System.StringComparison.Ordinal) && d.Location.SourceSpan.IntersectsWith(source.Span));
    }
}
