using System;
using NetDsl.Collections;
using NetDsl.Compiler;
using NetDsl.Diagnostics;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>Stand-ins for <see cref="DslCompiler.Compile"/>, to test the Roslyn side on its own.</summary>
public static class FakeCompiler
{
    public static CompileFunction Returning(CompilationOutput output) => (_, _, _) => output;

    public static CompileFunction Emitting(params GeneratedSource[] sources) =>
        Returning(new CompilationOutput(sources.ToEquatableArray(), EquatableArray<DslDiagnostic>.Empty));

    public static CompileFunction Reporting(params DslDiagnostic[] diagnostics) =>
        Returning(new CompilationOutput(EquatableArray<GeneratedSource>.Empty, diagnostics.ToEquatableArray()));

    public static CompileFunction Throwing(Func<Exception> exception) => (_, _, _) => throw exception();
}
