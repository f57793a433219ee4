using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetDsl.Compiler;
using NetDsl.Diagnostics;

namespace NetDsl.Diagrams;

/// <summary>
/// The diagrams of a project's networks (the command line's <c>netdsl diagram</c>, the build's diagram files) and of a
/// generated instance (its embedded declaration, for its own arguments), drawn from the checked network, never from
/// generated code.
/// </summary>
public static class NetworkDiagrams
{
    /// <summary>Each network's diagram by name (those checked without errors, in name order), and the build's diagnostics.</summary>
    public static (IReadOnlyDictionary<string, NetworkDiagram> Diagrams, IReadOnlyList<DslDiagnostic> Diagnostics) Of(IReadOnlyList<DslSource> sources, CancellationToken cancellationToken = default)
    {
        var files = sources.Select(source => DslCompiler.Parse(source, cancellationToken)).ToList();
        var plan = DslCompiler.Plan(files, cancellationToken);
        var options = new CompileOptions("NetDsl.Generated", EmitCode: false);
        var diagrams = new SortedDictionary<string, NetworkDiagram>(System.StringComparer.Ordinal);
        var outputs = new List<CompilationOutput>();
        foreach (var unit in plan.Units.Where(u => u.Kind == UnitKind.Network))
        {
            var recorder = new DiagramRecorder();
            Semantics.CheckedNetwork? network = null;
            outputs.Add(DslCompiler.CompileUnit(unit, options, recorder, cancellationToken, found => network = found));
            if (network is { HasErrors: false, Truncated: false } && network.Input.Rank != 0) diagrams[unit.Name] = DiagramBuilder.Build(network, recorder);
        }
        return (diagrams, DslCompiler.Merge(plan.Diagnostics, outputs).Diagnostics);
    }

    /// <summary>
    /// The diagram of a network instance (<c>model.Declaration</c>): its shapes for the arguments it was built with.
    /// A declaration that does not check is an <see cref="System.InvalidOperationException"/> that lists the problems.
    /// </summary>
    public static NetworkDiagram Of(NetworkDeclaration declaration)
    {
        var recorder = new DiagramRecorder();
        var network = DeclaredNetworks.Check(declaration, recorder).OrThrow();
        return DiagramBuilder.Build(network, recorder);
    }
}
