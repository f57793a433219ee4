using System.Collections.Generic;
using System.Threading;
using NetDsl.Collections;
using NetDsl.Compiler;
using NetDsl.Diagnostics;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>A compiler that remembers what the generator passed it and returns nothing.</summary>
public sealed class RecordingCompiler
{
    public List<(IReadOnlyList<DslSource> Sources, CompileOptions Options)> Calls { get; } = new();

    /// <summary>The C# declarations of each call, as units (only through <see cref="CompileWithUnits"/>).</summary>
    public List<IReadOnlyList<SyntaxUnit>> Units { get; } = new();

    public CompileFunction Compile => Record;

    public UnitCompileFunction CompileWithUnits => (sources, units, options, cancellationToken) =>
    {
        Units.Add(units);
        return Record(sources, options, cancellationToken);
    };

    private CompilationOutput Record(IReadOnlyList<DslSource> sources, CompileOptions options, CancellationToken cancellationToken)
    {
        Calls.Add((sources, options));
        return new CompilationOutput(EquatableArray<GeneratedSource>.Empty, EquatableArray<DslDiagnostic>.Empty);
    }
}
