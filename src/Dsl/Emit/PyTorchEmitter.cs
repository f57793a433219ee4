using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetDsl.Compiler;
using NetDsl.Diagnostics;
using NetDsl.Semantics;

namespace NetDsl.Emit;

/// <summary>
/// Writes <c>.net</c> networks as one readable PyTorch module (only <c>torch</c> imported): one <c>nn.Module</c> class per
/// network, block call and group, with the state_dict keys, shapes and order of the generated TorchSharp module, so
/// weights move between the two with <c>load_state_dict(strict=True)</c>. Each network is written for its declared
/// arguments: a block called with other arguments or input sizes is another class (<c>BasicBlock2</c>).
/// </summary>
public static class PyTorchEmitter
{
    /// <param name="sources">The project's <c>.net</c> files (blocks may live in other files than the networks using them).</param>
    /// <param name="networks">The networks to export, by name; null or empty for every network of the project.</param>
    /// <param name="arguments">
    /// Values for the parameters of the one network exported, instead of its defaults, as written in a declaration
    /// (<c>10</c>, <c>0.5</c>, <c>true</c>): <c>classes=10</c> writes that network for ten classes.
    /// </param>
    public static PyTorchExport Export(IReadOnlyList<DslSource> sources, IReadOnlyCollection<string>? networks = null, IReadOnlyDictionary<string, string>? arguments = null, CancellationToken cancellationToken = default)
    {
        var files = sources.Select(source => DslCompiler.Parse(source, cancellationToken)).ToList();
        var plan = DslCompiler.Plan(files, cancellationToken);
        var options = new CompileOptions("NetDsl.Generated", EmitCode: false);
        var units = plan.Units.Where(u => u.Kind == UnitKind.Network).ToList();
        var wanted = networks is { Count: > 0 } ? new HashSet<string>(networks) : null;
        var errors = new List<string>();
        if (wanted is not null)
        {
            foreach (var name in wanted.Where(n => units.All(u => u.Name != n)).OrderBy(n => n, System.StringComparer.Ordinal))
                errors.Add($"no network '{name}' in the given files; they declare {(units.Count == 0 ? "none" : string.Join(", ", units.Select(u => u.Name)))}");
            units = units.Where(u => wanted.Contains(u.Name)).ToList();
        }
        var (values, argumentErrors) = NetworkArguments.Parse(arguments);
        errors.AddRange(argumentErrors);
        if (values.Count > 0 && units.Count != 1) errors.Add($"arguments are for one network; name it (the files declare {string.Join(", ", units.Select(u => u.Name))})");
        if (errors.Count > 0) return new PyTorchExport(null, plan.Diagnostics, errors);
        var outputs = new List<CompilationOutput>();
        var recorded = new List<(string Network, PyTorchRecorder Recorder)>();
        foreach (var unit in units)
        {
            var recorder = new PyTorchRecorder();
            outputs.Add(DslCompiler.CompileUnit(unit, options, recorder, cancellationToken, arguments: values.Count > 0 ? values : null));
            recorded.Add((unit.Name, recorder));
        }
        var diagnostics = DslCompiler.Merge(plan.Diagnostics, outputs).Diagnostics.ToList();
        if (units.Count == 0) errors.Add("the given files declare no network");
        if (errors.Count > 0 || diagnostics.Any(d => d.Severity == DslSeverity.Error)) return new PyTorchExport(null, diagnostics, errors);

        var file = new PyTorchFile();
        foreach (var (network, recorder) in recorded)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!recorder.Runs.TryGetValue("", out var run))
            {
                errors.Add($"network '{network}' was not checked to its end; nothing is exported");
                continue;
            }
            file.AddNetwork(network, run, recorder, errors);
        }
        return errors.Count > 0 ? new PyTorchExport(null, diagnostics, errors) : new PyTorchExport(file.ToString(sources), diagnostics, errors);
    }
}
