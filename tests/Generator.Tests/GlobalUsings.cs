global using CompileFunction = System.Func<
    System.Collections.Generic.IReadOnlyList<NetDsl.Compiler.DslSource>,
    NetDsl.Compiler.CompileOptions,
    System.Threading.CancellationToken,
    NetDsl.Compiler.CompilationOutput>;
