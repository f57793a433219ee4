using System;
using System.Collections.Generic;
using System.Threading;
using NetDsl.Collections;
using NetDsl.Compiler;

namespace NetDsl.Generator;

/// <summary>Runs the compiler. The one place that catches: a compiler crash becomes ND9999 instead of Roslyn's opaque CS8785.</summary>
internal static class CompileStep
{
    public static GenerationResult Run(
        Func<IReadOnlyList<DslSource>, CompileOptions, CancellationToken, CompilationOutput> compile,
        EquatableArray<DslSource> sources,
        CompileOptions options,
        CancellationToken cancellationToken)
    {
        try
        {
            return GenerationResult.Succeeded(compile(sources, options, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            return GenerationResult.Failed(InternalError.From(exception));
        }
    }
}
