using System;
using System.Collections.Generic;
using System.Threading;
using NetDsl.Collections;
using NetDsl.Compiler;
using NetDsl.Generator.FrontEnd;

namespace NetDsl.Generator;

/// <summary>Runs the compiler. The one place that catches: a compiler crash becomes ND9999 instead of Roslyn's opaque CS8785.</summary>
internal static class CompileStep
{
    public static GenerationResult Run(
        Func<IReadOnlyList<DslSource>, IReadOnlyList<SyntaxUnit>, CompileOptions, CancellationToken, CompilationOutput> compile,
        EquatableArray<DslSource> sources,
        EquatableArray<CSharpDeclaration> declarations,
        CompileOptions options,
        CancellationToken cancellationToken)
    {
        try
        {
            var units = CSharpUnits.Create(declarations, options);
            var output = compile(sources, units, options, cancellationToken);
            return GenerationResult.Succeeded(CSharpUnits.Finish(output, declarations));
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
