using System.Collections.Generic;
using System.Threading;
using NetDsl.Compiler;

namespace NetDsl.Generator;

/// <summary>
/// The compiler as the generator drives it, one call per phase, so each pipeline step caches on its own: a file is
/// parsed again only when its text changes, and a network or block is checked again only when a file it reaches does.
/// </summary>
internal interface ICompilerPhases
{
    SyntaxUnit Parse(DslSource source, CancellationToken cancellationToken);

    CompilePlan Plan(IReadOnlyList<SyntaxUnit> files, CancellationToken cancellationToken);

    CompilationOutput CompileUnit(CompileUnit unit, CompileOptions options, CancellationToken cancellationToken);
}

/// <summary>The real compiler, <see cref="DslCompiler"/>.</summary>
internal sealed class DslCompilerPhases : ICompilerPhases
{
    public static readonly DslCompilerPhases Instance = new();

    private DslCompilerPhases()
    {
    }

    public SyntaxUnit Parse(DslSource source, CancellationToken cancellationToken) => DslCompiler.Parse(source, cancellationToken);

    public CompilePlan Plan(IReadOnlyList<SyntaxUnit> files, CancellationToken cancellationToken) => DslCompiler.Plan(files, cancellationToken);

    public CompilationOutput CompileUnit(CompileUnit unit, CompileOptions options, CancellationToken cancellationToken) =>
        DslCompiler.CompileUnit(unit, options, cancellationToken);
}
