using System.Collections.Generic;
using System.Threading;
using NetDsl.Collections;
using NetDsl.Diagnostics;

namespace NetDsl.Compiler;

/// <summary>The one entry point: <c>.net</c> sources in, generated C# and diagnostics out. Never throws on bad input.</summary>
public static class DslCompiler
{
    public static CompilationOutput Compile(IReadOnlyList<DslSource> sources, CompileOptions options, CancellationToken cancellationToken = default)
    {
        // Placeholder until the parser, checker and emitter land.
        return new CompilationOutput(EquatableArray<GeneratedSource>.Empty, EquatableArray<DslDiagnostic>.Empty);
    }
}
