using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetDsl.Diagnostics;
using NetDsl.Semantics;

namespace NetDsl.Compiler;

/// <summary>
/// The summaries of a project's networks without generating code (the command line's <c>netdsl summary</c>): the table of
/// the generated classes' <c>Summary</c>, every layer listed, for the declared values or for given arguments.
/// </summary>
public static class NetworkSummaries
{
    /// <summary>
    /// Each network's summary lines by name (those checked without errors), the build's diagnostics, and what is wrong with
    /// the request (a network not declared, an argument that is no value); nothing is summarised when that is not empty.
    /// </summary>
    /// <param name="networks">The networks to summarise; null or empty: all.</param>
    /// <param name="arguments">Values for the parameters of the one network summarised, as a declaration writes them (<c>classes=5</c>; <see cref="NetworkArguments"/>).</param>
    public static (IReadOnlyDictionary<string, IReadOnlyList<string>> Summaries, IReadOnlyList<DslDiagnostic> Diagnostics, IReadOnlyList<string> Errors) Of(
        IReadOnlyList<DslSource> sources, IReadOnlyCollection<string>? networks = null, IReadOnlyDictionary<string, string>? arguments = null, CancellationToken cancellationToken = default)
    {
        var files = sources.Select(source => DslCompiler.Parse(source, cancellationToken)).ToList();
        var plan = DslCompiler.Plan(files, cancellationToken);
        var options = new CompileOptions("NetDsl.Generated", EmitCode: false);
        var summaries = new Dictionary<string, IReadOnlyList<string>>(System.StringComparer.Ordinal);
        var units = plan.Units.Where(u => u.Kind == UnitKind.Network).ToList();
        var errors = new List<string>();
        if (networks is { Count: > 0 })
        {
            foreach (var name in networks.Where(n => units.All(u => u.Name != n)).Distinct().OrderBy(n => n, System.StringComparer.Ordinal))
                errors.Add($"no network '{name}' in the given files; they declare {(units.Count == 0 ? "none" : string.Join(", ", units.Select(u => u.Name)))}");
            units = units.Where(u => networks.Contains(u.Name)).ToList();
        }
        var (values, argumentErrors) = NetworkArguments.Parse(arguments);
        errors.AddRange(argumentErrors);
        if (values.Count > 0 && units.Count != 1) errors.Add($"arguments are for one network; name it (the files declare {string.Join(", ", units.Select(u => u.Name))})");
        if (errors.Count > 0) return (summaries, plan.Diagnostics, errors);
        var outputs = new List<CompilationOutput>();
        foreach (var unit in units)
        {
            CheckedNetwork? network = null;
            outputs.Add(DslCompiler.CompileUnit(unit, options, null, cancellationToken, found => network = found, values.Count > 0 ? values : null));
            if (network is { HasErrors: false, Truncated: false } && network.Input.Rank != 0) summaries[unit.Name] = NetworkSummary.Of(network).Lines();
        }
        return (summaries, DslCompiler.Merge(plan.Diagnostics, outputs).Diagnostics, errors);
    }
}
