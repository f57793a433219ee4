using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetDsl.Diagnostics;
using NetDsl.Emit;
using NetDsl.Semantics;

namespace NetDsl.Compiler;

/// <summary>
/// The compile-time summaries of a project's networks, as the generated classes' <c>Summary</c> holds them, without
/// generating code (the command line's <c>netdsl summary</c>).
/// </summary>
public static class NetworkSummaries
{
    /// <summary>Each network's summary lines by name (those checked without errors), and the build's diagnostics.</summary>
    public static (IReadOnlyDictionary<string, IReadOnlyList<string>> Summaries, IReadOnlyList<DslDiagnostic> Diagnostics) Of(IReadOnlyList<DslSource> sources, CancellationToken cancellationToken = default)
    {
        var files = sources.Select(source => DslCompiler.Parse(source, cancellationToken)).ToList();
        var plan = DslCompiler.Plan(files, cancellationToken);
        var options = new CompileOptions("NetDsl.Generated", EmitCode: false);
        var summaries = new Dictionary<string, IReadOnlyList<string>>(System.StringComparer.Ordinal);
        var outputs = new List<CompilationOutput>();
        foreach (var unit in plan.Units.Where(u => u.Kind == UnitKind.Network))
        {
            CheckedNetwork? network = null;
            outputs.Add(DslCompiler.CompileUnit(unit, options, null, cancellationToken, found => network = found));
            if (network is { HasErrors: false, Truncated: false } && network.Input.Rank != 0) summaries[unit.Name] = NetworkSummary.Of(network).Lines();
        }
        return (summaries, DslCompiler.Merge(plan.Diagnostics, outputs).Diagnostics);
    }
}
