using System.Collections.Generic;
using System.Threading;
using NetDsl.Compiler;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>The real compiler, remembering which files it parsed and which units it compiled, run by run.</summary>
internal sealed class CountingCompiler : ICompilerPhases
{
    public List<string> Parsed { get; } = new();

    public List<string> Compiled { get; } = new();

    public int Plans { get; private set; }

    public void Clear()
    {
        Parsed.Clear();
        Compiled.Clear();
        Plans = 0;
    }

    public SyntaxUnit Parse(DslSource source, CancellationToken cancellationToken)
    {
        lock (Parsed) Parsed.Add(System.IO.Path.GetFileName(source.Path));
        return DslCompiler.Parse(source, cancellationToken);
    }

    public CompilePlan Plan(IReadOnlyList<SyntaxUnit> files, CancellationToken cancellationToken)
    {
        Plans++;
        return DslCompiler.Plan(files, cancellationToken);
    }

    public CompilationOutput CompileUnit(CompileUnit unit, CompileOptions options, CancellationToken cancellationToken)
    {
        lock (Compiled) Compiled.Add(unit.Name);
        return DslCompiler.CompileUnit(unit, options, cancellationToken);
    }
}
