using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>The outcome of one generator run: what Roslyn reported, the files added and the compilation that includes them.</summary>
public sealed record GeneratorRun(GeneratorDriver Driver, GeneratorDriverRunResult Result, Compilation OutputCompilation, ImmutableArray<Diagnostic> Diagnostics)
{
    public GeneratorRunResult Generator => Result.Results.Single();

    public IReadOnlyList<GeneratedFile> Files =>
        Generator.GeneratedSources.Select(s => new GeneratedFile(s.HintName, s.SourceText.ToString())).ToList();

    /// <summary>Errors in the compilation that includes the generated files (the generator's own diagnostics excluded).</summary>
    public IReadOnlyList<Diagnostic> CompilationErrors =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
}
