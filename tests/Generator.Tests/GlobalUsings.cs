global using CompileFunction = System.Func<
    System.Collections.Generic.IReadOnlyList<NetDsl.Compiler.DslSource>,
    NetDsl.Compiler.CompileOptions,
    System.Threading.CancellationToken,
    NetDsl.Compiler.CompilationOutput>;
global using UnitCompileFunction = System.Func<
    System.Collections.Generic.IReadOnlyList<NetDsl.Compiler.DslSource>,
    System.Collections.Generic.IReadOnlyList<NetDsl.Compiler.SyntaxUnit>,
    NetDsl.Compiler.CompileOptions,
    System.Threading.CancellationToken,
    NetDsl.Compiler.CompilationOutput>;
