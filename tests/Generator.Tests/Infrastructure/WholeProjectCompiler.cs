using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetDsl.Collections;
using NetDsl.Compiler;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>
/// Drives the generator's phases with a stand-in that compiles the whole project at once: parsing keeps only the text,
/// the plan makes one unit of every file, and compiling that unit calls <see cref="_compile"/> with the <c>.net</c>
/// sources and the C# front-end's units, as the real compiler would receive them.
/// </summary>
internal sealed class WholeProjectCompiler : ICompilerPhases
{
    public const string UnitName = "Project";

    private readonly UnitCompileFunction _compile;

    public WholeProjectCompiler(UnitCompileFunction compile) => _compile = compile;

    public WholeProjectCompiler(CompileFunction compile)
        : this((sources, _, options, cancellationToken) => compile(sources, options, cancellationToken))
    {
    }

    public SyntaxUnit Parse(DslSource source, CancellationToken cancellationToken) =>
        new(source.Path, source.Text, new FileSyntax(source.Path, EquatableArray<DeclarationSyntax>.Empty), EquatableArray<DslDiagnostic>.Empty);

    public CompilePlan Plan(IReadOnlyList<SyntaxUnit> files, CancellationToken cancellationToken) =>
        new(new[] { new CompileUnit(UnitKind.Network, UnitName, files.ToEquatableArray()) }.ToEquatableArray(), EquatableArray<DslDiagnostic>.Empty);

    public CompilationOutput CompileUnit(CompileUnit unit, CompileOptions options, CancellationToken cancellationToken)
    {
        var sources = unit.Files.Where(IsNetFile).Select(f => new DslSource(f.Path, f.Text)).ToList();
        var units = unit.Files.Where(f => !IsNetFile(f)).ToList();
        return _compile(sources, units, options, cancellationToken);
    }

    /// <summary>Parsed <c>.net</c> files, as opposed to the C# front-end's units (which carry their declarations already).</summary>
    private static bool IsNetFile(SyntaxUnit file) => file.Path.EndsWith(".net", StringComparison.OrdinalIgnoreCase);
}
