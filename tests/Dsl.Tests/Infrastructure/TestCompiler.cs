using System.Collections.Generic;
using System.Linq;
using NetDsl.Compiler;
using NetDsl.Diagnostics;
using Xunit;

namespace NetDsl.DslTests.Infrastructure;

/// <summary>Compiles <c>.net</c> sources the way the generator does and gives the results in test-friendly form.</summary>
public static class TestCompiler
{
    public const string DefaultPath = "m.net";

    public const string Namespace = "T";

    public static CompileResult Compile(string text, string path = DefaultPath) => Compile(new DslSource(path, text));

    public static CompileResult Compile(MarkedSource source) => Compile(new DslSource(source.Path, source.Text));

    public static CompileResult Compile(params DslSource[] sources) =>
        new(DslCompiler.Compile(sources, new CompileOptions(Namespace)));

    /// <summary>Compiles a source that must be free of diagnostics and returns its only network.</summary>
    public static GeneratedNetwork Network(string text)
    {
        var result = Compile(text);
        result.AssertNoDiagnostics();
        return Assert.Single(result.Networks);
    }

    /// <summary>
    /// Compiles a marked source that must report exactly one diagnostic (of any ID) at the marked span and returns it
    /// after checking its ID and severity against the catalog.
    /// </summary>
    public static DslDiagnostic Single(string marked, string id)
    {
        var source = new MarkedSource(marked);
        var result = Compile(source);
        var diagnostic = Assert.Single(result.Diagnostics);
        AssertDiagnostic(diagnostic, id, source.Span);
        return diagnostic;
    }

    /// <summary>ID, default severity from the catalog, and the exact span.</summary>
    public static void AssertDiagnostic(DslDiagnostic diagnostic, string id, SourceSpan span)
    {
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticCatalog.All.Single(d => d.Id == id).Severity, diagnostic.Severity);
        Assert.Equal(span, diagnostic.Span);
    }
}

public sealed class CompileResult
{
    public CompileResult(CompilationOutput output)
    {
        Output = output;
        Networks = output.Sources
            .Select(s => GeneratedNetwork.TryParse(s))
            .Where(n => n is not null)
            .Select(n => n!)
            .ToList();
    }

    public CompilationOutput Output { get; }

    public IReadOnlyList<DslDiagnostic> Diagnostics => Output.Diagnostics.ToArray();

    public IReadOnlyList<DslDiagnostic> Errors => Diagnostics.Where(d => d.Severity == DslSeverity.Error).ToList();

    public IReadOnlyList<GeneratedNetwork> Networks { get; }

    public IReadOnlyList<string> HintNames => Output.Sources.Select(s => s.HintName).ToList();

    public string Source(string hintName) => Output.Sources.Single(s => s.HintName == hintName).Text;

    public GeneratedNetwork Network(string name) => Networks.Single(n => n.Name == name);

    public IReadOnlyList<string> Ids => Diagnostics.Select(d => d.Id).ToList();

    public void AssertNoDiagnostics() => Assert.Empty(Diagnostics.Select(d => d.ToString()));
}
