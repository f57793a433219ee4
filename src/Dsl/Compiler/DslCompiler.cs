using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Emit;
using NetDsl.Semantics;
using NetDsl.Syntax;

namespace NetDsl.Compiler;

/// <summary>
/// The compiler's entry points, never throwing on bad input. Incremental hosts (the generator) run the phases
/// separately: <see cref="Parse"/> per file, <see cref="Plan"/> over all files, <see cref="CompileUnit"/> per unit,
/// so an edit re-compiles only the units whose files changed. <see cref="Compile(IReadOnlyList{DslSource}, CompileOptions, CancellationToken)"/>
/// runs them all at once.
/// </summary>
public static class DslCompiler
{
    public static CompilationOutput Compile(IReadOnlyList<DslSource> sources, CompileOptions options, CancellationToken cancellationToken = default) =>
        Compile(sources, new SyntaxUnit[0], options, cancellationToken);

    /// <summary>
    /// Compiles <c>.net</c> sources together with declarations another front-end already turned into syntax
    /// (<paramref name="units"/>: the C# attribute front-end); both share one namespace of blocks and networks.
    /// </summary>
    public static CompilationOutput Compile(IReadOnlyList<DslSource> sources, IReadOnlyList<SyntaxUnit> units, CompileOptions options, CancellationToken cancellationToken = default)
    {
        var files = sources.Select(source => Parse(source, cancellationToken)).Concat(units).ToList();
        var plan = Plan(files, cancellationToken);
        return Merge(plan.Diagnostics, plan.Units.Select(unit => CompileUnit(unit, options, cancellationToken)));
    }

    /// <summary>The project's output from the plan's diagnostics and every unit's output: files by hint name, diagnostics by place.</summary>
    public static CompilationOutput Merge(IEnumerable<DslDiagnostic> planDiagnostics, IEnumerable<CompilationOutput> unitOutputs)
    {
        var generated = new List<GeneratedSource>();
        var diagnostics = new List<DslDiagnostic>(planDiagnostics);
        foreach (var output in unitOutputs)
        {
            generated.AddRange(output.Sources);
            diagnostics.AddRange(output.Diagnostics);
        }
        return new CompilationOutput(
            generated.OrderBy(o => o.HintName, System.StringComparer.Ordinal).ToEquatableArray(),
            Ordered(diagnostics));
    }

    /// <summary>Parses one <c>.net</c> file; its syntax errors travel with it.</summary>
    public static SyntaxUnit Parse(DslSource source, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var diagnostics = new DiagnosticBag();
        var syntax = Parser.Parse(new SourceText(source.Path, source.Text), diagnostics);
        return new SyntaxUnit(source.Path, source.Text, syntax, diagnostics.Items.ToEquatableArray());
    }

    /// <summary>Splits a project into units and reports what concerns it as a whole: syntax errors, duplicate or reserved names, recursion.</summary>
    public static CompilePlan Plan(IReadOnlyList<SyntaxUnit> files, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var diagnostics = new DiagnosticBag();
        foreach (var file in files.OrderBy(f => f.Path, System.StringComparer.Ordinal))
        {
            foreach (var diagnostic in file.Diagnostics) diagnostics.Report(diagnostic.Descriptor, diagnostic.Span, diagnostic.Message, diagnostic.AdditionalSpans);
        }
        var declarations = ProjectDeclarations.Build(files, diagnostics, DeclarationLimit.Project);
        ReportOutputRecordClashes(declarations, diagnostics);
        var calls = declarations.Calls();
        foreach (var cycle in RecursionCheck.FindRecursive(calls.Where(c => declarations.Blocks.ContainsKey(c.Key)).ToDictionary(c => c.Key, c => c.Value)))
        {
            var block = declarations.Blocks[cycle.Block];
            diagnostics.Report(DiagnosticCatalog.RecursiveBlock, block.Source.Span(block.Syntax.NameRange),
                $"block '{cycle.Block}' calls itself through {string.Join(" -> ", cycle.Path)}; a network must be finite, unroll the recursion with '* n'");
        }

        var units = new List<CompileUnit>();
        var slices = new DeclarationSlices();
        // Each network's share of the project's layer budget, fixed before any is checked: units are checked independently.
        var layers = LayerLimit.ForProject(declarations.Networks.Count);
        foreach (var (_, network) in declarations.Networks) units.Add(Unit(UnitKind.Network, network.Name, declarations, calls, slices) with { Layers = layers });
        foreach (var block in declarations.Blocks.Values) units.Add(Unit(UnitKind.Block, block.Name, declarations, calls, slices));
        if (units.Count > 0) units.Add(new CompileUnit(UnitKind.Support, SupportEmitter.HintName, EquatableArray<SyntaxUnit>.Empty));
        // By name, so generated files come in hint-name order; an incremental host compares units by position.
        return new CompilePlan(units.OrderBy(u => u.Name, System.StringComparer.Ordinal).ToEquatableArray(), Ordered(diagnostics.Items));
    }

    /// <summary>A network with several outputs returns the record <c>&lt;Network&gt;Output</c>: no other declaration may take that name.</summary>
    private static void ReportOutputRecordClashes(ProjectDeclarations declarations, DiagnosticBag diagnostics)
    {
        foreach (var (source, network) in declarations.Networks)
        {
            if (network.Body.Statements.Count == 0 || network.Body.Statements[network.Body.Statements.Count - 1] is not OutputStatementSyntax { Outputs.Count: > 1 } outputs) continue;
            var record = FileEmitter.OutputRecordName(network.Name);
            if (!declarations.Declarations.ContainsKey(record)) continue;
            diagnostics.Report(DiagnosticCatalog.ReservedName, source.Span(outputs.KeywordRange),
                $"network '{network.Name}' returns its outputs as the record '{record}', which is the name of another network or block; rename one of them");
        }
    }

    private static CompileUnit Unit(UnitKind kind, string name, ProjectDeclarations declarations, IReadOnlyDictionary<string, HashSet<string>> calls, DeclarationSlices slices)
    {
        // Only the declarations the unit reaches, not their whole files: in a file of many declarations, a unit that
        // held the file lowered and compared them all, and the build grew with their square. Files are told apart by
        // identity, which spares hashing a whole syntax tree per unit.
        var files = ProjectDeclarations.Reach(name, calls)
            .GroupBy(reached => declarations.Files[reached], ReferenceComparer<SyntaxUnit>.Instance)
            .Select(file => slices.Slice(file.Key, file.Select(reached => declarations.Declarations[reached])))
            .OrderBy(f => f.Path, System.StringComparer.Ordinal)
            .ToEquatableArray();
        return new CompileUnit(kind, name, files);
    }

    /// <summary>Checks and emits one unit. Problems inside a block are reported by the block's own unit, not by every user of it.</summary>
    public static CompilationOutput CompileUnit(CompileUnit unit, CompileOptions options, CancellationToken cancellationToken = default) =>
        CompileUnit(unit, options, null, cancellationToken);

    /// <param name="observer">Told the shapes of a network unit's check (tools); the build passes none.</param>
    /// <param name="networkChecked">Given a network unit's evaluated network (tools: the command line's summary); the build passes none.</param>
    /// <param name="arguments">Values of a network unit's parameters instead of their defaults (tools); the build passes none.</param>
    internal static CompilationOutput CompileUnit(CompileUnit unit, CompileOptions options, ICheckObserver? observer, CancellationToken cancellationToken = default, System.Action<CheckedNetwork>? networkChecked = null, IReadOnlyDictionary<string, ScalarValue>? arguments = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (unit.Kind == UnitKind.Support)
        {
            if (!options.EmitCode) return new CompilationOutput(EquatableArray<GeneratedSource>.Empty, EquatableArray<DslDiagnostic>.Empty);
            var support = new GeneratedSource(SupportEmitter.HintName, SupportEmitter.Emit(options.Namespace, options.LoadTorchNative));
            return new CompilationOutput(new[] { support }.ToEquatableArray(), EquatableArray<DslDiagnostic>.Empty);
        }

        var diagnostics = new DiagnosticBag();
        var declarations = ProjectDeclarations.Build(unit.Files, null);
        var calls = declarations.CallsFrom(unit.Name);
        var reached = ProjectDeclarations.Reach(unit.Name, calls);
        var blocks = declarations.Blocks;
        foreach (var block in blocks.Values.Where(b => reached.Contains(b.Name)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bag = unit.Kind == UnitKind.Block && block.Name == unit.Name ? diagnostics : new DiagnosticBag();
            var scope = Lowerer.LowerBlock(block, blocks, bag, out _);
            if (!bag.HasErrors && !HasSyntaxErrors(declarations, block.Name) && HostCheck.Check(block.Syntax, scope, block.Source, options.Namespace, bag)) block.Scope = scope;
        }
        foreach (var cycle in RecursionCheck.FindRecursive(calls.Where(c => blocks.ContainsKey(c.Key)).ToDictionary(c => c.Key, c => c.Value)))
        {
            blocks[cycle.Block].Scope = null;
        }
        // A block that calls a block without code (it has errors) gets none either: its code would name a class that is not generated.
        foreach (var block in blocks.Values.Where(b => reached.Contains(b.Name) && b.Scope is not null).ToList())
        {
            if (ProjectDeclarations.Reach(block.Name, calls).Any(name => blocks.TryGetValue(name, out var callee) && callee.Scope is null)) block.Scope = null;
        }

        var outputs = new List<GeneratedSource>();
        if (HasSyntaxErrors(declarations, unit.Name))
        {
            // Already reported by the plan; checking a half-parsed declaration would only add noise.
            return new CompilationOutput(EquatableArray<GeneratedSource>.Empty, EquatableArray<DslDiagnostic>.Empty);
        }
        if (unit.Kind == UnitKind.Block)
        {
            if (blocks.TryGetValue(unit.Name, out var block) && block.Scope is not null && options.EmitCode)
                outputs.Add(new GeneratedSource(block.Name + ".g.cs", FileEmitter.Block(block, options.Namespace, options.ReuseMemory)));
        }
        else if (declarations.Networks.FirstOrDefault(n => n.Syntax.Name == unit.Name) is { Syntax: not null } found)
        {
            var (source, network) = found;
            var scope = Lowerer.LowerNetwork(network, source, blocks, diagnostics, out var called, out var inputShape);
            foreach (var parameter in scope.Parameters.Where(p => p.Default is null))
            {
                diagnostics.Report(DiagnosticCatalog.MissingArgument, source.Span(parameter.Range),
                    $"network parameter '{parameter.Name}' needs a default: a network is checked for its declared values (e.g. {parameter.Name} = 10)");
            }
            // Checked even after name errors (a call of a block with errors is skipped silently), so that one build
            // reports every independent problem; code only for a network without any.
            var lowered = !diagnostics.HasErrors && !called.Any(name => blocks.TryGetValue(name, out var b) && b.Scope is null);
            var checkedNetwork = Checker.Check(scope, network, inputShape, diagnostics, observer, unit.Layers, arguments);
            networkChecked?.Invoke(checkedNetwork);
            var outputKinds = lowered ? OutputKinds.Of(scope, diagnostics) : null;
            // A network past the layer limit was not checked to its end: emitting its partial summary helps nobody.
            if (lowered && outputKinds is not null && !checkedNetwork.HasErrors && checkedNetwork.Input.Rank != 0 && !checkedNetwork.Truncated && HostCheck.Check(network, scope, source, options.Namespace, diagnostics) && options.EmitCode)
                outputs.Add(new GeneratedSource(network.Name + ".g.cs", FileEmitter.Network(checkedNetwork, outputKinds, inputShape, DeclarationText(network, reached, declarations), options.Namespace, options.ReuseMemory)));
        }
        return new CompilationOutput(outputs.ToEquatableArray(), Ordered(diagnostics.Items));
    }

    /// <summary>The text the generated class of network unit <paramref name="unit"/> embeds (<see cref="INetwork.Declaration"/>).</summary>
    internal static string DeclarationText(CompileUnit unit)
    {
        var declarations = ProjectDeclarations.Build(unit.Files, null);
        var network = declarations.Networks.First(n => n.Syntax.Name == unit.Name).Syntax;
        return DeclarationText(network, ProjectDeclarations.Reach(unit.Name, declarations.CallsFrom(unit.Name)), declarations);
    }

    /// <summary>The text a generated network embeds: its declaration, then those of the blocks it reaches, by name.</summary>
    private static string DeclarationText(NetworkSyntax network, HashSet<string> reached, ProjectDeclarations declarations) =>
        DeclarationPrinter.Print(new DeclarationSyntax[] { network }.Concat(reached
            .Where(name => name != network.Name && declarations.Blocks.ContainsKey(name))
            .OrderBy(name => name, System.StringComparer.Ordinal)
            .Select(name => declarations.Blocks[name].Syntax)));

    /// <summary>
    /// Whether a syntax error lies inside the declaration <paramref name="name"/>: it was only half read, so it is not
    /// checked (that would only add noise) and gets no code. A declaration of another front-end (a C# class) is a unit
    /// of its own: any error that front-end found in it counts (an argument it could not read, a stage it skipped).
    /// </summary>
    private static bool HasSyntaxErrors(ProjectDeclarations declarations, string name)
    {
        if (!declarations.Files.TryGetValue(name, out var file)) return false;
        foreach (var declaration in file.Syntax.Declarations)
        {
            if (declaration.Name != name) continue;
            if (declaration.Host is not null) return file.Diagnostics.Any(d => d.Severity == DslSeverity.Error);
            var start = declaration.Range.Start;
            var end = declaration.Range.End;
            foreach (var d in file.Diagnostics)
            {
                // An error at the declaration's keyword belongs to the one before it (its missing '}').
                if (d.Severity == DslSeverity.Error && d.Span.Path == file.Path && d.Span.Start > start && d.Span.Start <= end) return true;
            }
        }
        return false;
    }

    private static EquatableArray<DslDiagnostic> Ordered(IEnumerable<DslDiagnostic> diagnostics) => diagnostics
        .OrderBy(d => d.Span.Path, System.StringComparer.Ordinal)
        .ThenBy(d => d.Span.Start)
        .ThenBy(d => d.Id, System.StringComparer.Ordinal)
        .ToEquatableArray();
}
