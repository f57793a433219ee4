using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetDsl.Catalog;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Emit;
using NetDsl.Semantics;
using NetDsl.Syntax;

namespace NetDsl.Compiler;

/// <summary>The one entry point: <c>.net</c> sources in, generated C# and diagnostics out. Never throws on bad input.</summary>
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
        var diagnostics = new DiagnosticBag();
        var parsed = new List<(SourceText Source, FileSyntax Syntax)>();
        foreach (var source in sources.OrderBy(s => s.Path, System.StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = new SourceText(source.Path, source.Text);
            parsed.Add((text, Parser.Parse(text, diagnostics)));
        }
        foreach (var unit in units)
        {
            foreach (var diagnostic in unit.Diagnostics) diagnostics.Report(diagnostic.Descriptor, diagnostic.Span, diagnostic.Message, diagnostic.AdditionalSpans);
            parsed.Add((new SourceText(unit.Path, unit.Text), unit.Syntax));
        }

        var blocks = new Dictionary<string, BlockInfo>();
        var networks = new List<(SourceText Source, NetworkSyntax Syntax)>();
        var declared = new Dictionary<string, SourceSpan>();
        foreach (var (source, file) in parsed)
        {
            foreach (var declaration in file.Declarations)
            {
                var span = source.Span(declaration.NameRange);
                if (OpCatalog.Find(declaration.Name) is not null || declaration.Name is "concat" or "add" or "mul" or "input" or "NetDslLayers")
                {
                    diagnostics.Report(DiagnosticCatalog.ReservedName, span, $"'{declaration.Name}' is {(OpCatalog.Find(declaration.Name) is null ? "reserved" : "a built-in op")}; name the {declaration.Keyword} differently");
                    continue;
                }
                if (declared.TryGetValue(declaration.Name, out var first))
                {
                    diagnostics.Report(DiagnosticCatalog.DuplicateDeclaration, span,
                        $"'{declaration.Name}' is already declared at {first}; networks and blocks share one namespace per project, rename one", new[] { first }.ToEquatableArray());
                    continue;
                }
                declared[declaration.Name] = span;
                if (declaration is BlockSyntax block) blocks[block.Name] = new BlockInfo(block, source);
                else if (declaration is NetworkSyntax network) networks.Add((source, network));
            }
        }

        var calls = new Dictionary<string, HashSet<string>>();
        foreach (var block in blocks.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before = diagnostics.Items.Count(d => d.Severity == DslSeverity.Error);
            var scope = Lowerer.LowerBlock(block, blocks, diagnostics, out var called);
            calls[block.Name] = called;
            if (diagnostics.Items.Count(d => d.Severity == DslSeverity.Error) == before) block.Scope = scope;
        }
        foreach (var cycle in RecursionCheck.FindRecursive(calls))
        {
            var block = blocks[cycle.Block];
            diagnostics.Report(DiagnosticCatalog.RecursiveBlock, block.Source.Span(block.Syntax.NameRange),
                $"block '{cycle.Block}' calls itself through {string.Join(" -> ", cycle.Path)}; a network must be finite, unroll the recursion with '* n'");
            block.Scope = null;
        }

        var outputs = new List<GeneratedSource>();
        foreach (var (source, network) in networks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var before = diagnostics.Items.Count(d => d.Severity == DslSeverity.Error);
            var scope = Lowerer.LowerNetwork(network, source, blocks, diagnostics, out var called, out var inputShape);
            foreach (var parameter in scope.Parameters.Where(p => p.Default is null))
            {
                diagnostics.Report(DiagnosticCatalog.MissingArgument, source.Span(parameter.Range),
                    $"network parameter '{parameter.Name}' needs a default: a network is checked for its declared values (e.g. {parameter.Name} = 10)");
            }
            if (diagnostics.Items.Count(d => d.Severity == DslSeverity.Error) != before) continue;
            if (called.Any(name => blocks.TryGetValue(name, out var b) && b.Scope is null)) continue;
            var checkedNetwork = Checker.Check(scope, network, inputShape, diagnostics);
            if (checkedNetwork.Input.Rank == 0) continue;
            outputs.Add(new GeneratedSource(network.Name + ".g.cs", FileEmitter.Network(checkedNetwork, inputShape, options.Namespace)));
        }
        foreach (var block in blocks.Values.Where(b => b.Scope is not null))
        {
            outputs.Add(new GeneratedSource(block.Name + ".g.cs", FileEmitter.Block(block, options.Namespace)));
        }
        if (outputs.Count > 0) outputs.Add(new GeneratedSource(SupportEmitter.HintName, SupportEmitter.Emit(options.Namespace, options.LoadTorchNative)));

        var ordered = diagnostics.Items
            .OrderBy(d => d.Span.Path, System.StringComparer.Ordinal)
            .ThenBy(d => d.Span.Start)
            .ToEquatableArray();
        return new CompilationOutput(outputs.OrderBy(o => o.HintName, System.StringComparer.Ordinal).ToEquatableArray(), ordered);
    }
}
