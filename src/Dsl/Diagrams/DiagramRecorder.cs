using System.Collections.Generic;
using NetDsl.Collections;
using NetDsl.Semantics;

namespace NetDsl.Diagrams;

/// <summary>
/// Listens to one network's check and keeps every scope run (<see cref="ScopeRun"/>). A scope's layers are reported
/// before the scope ends and a scope never runs inside itself (recursion is an error), so the layers waiting for a
/// scope when it ends are those of that run (as <see cref="Analysis.ShapeRecorder"/> reads them).
/// </summary>
internal sealed class DiagramRecorder : ICheckObserver
{
    private readonly Dictionary<Scope, Dictionary<ApplyInstruction, List<string>>> _pending = new(ReferenceComparer<Scope>.Instance);
    private readonly Dictionary<Scope, List<ScopeRun>> _runs = new(ReferenceComparer<Scope>.Instance);

    public void LayerChecked(Scope scope, ApplyInstruction apply, string path, Shape output, long parameters, long multiplyAccumulates, string? op)
    {
        if (!_pending.TryGetValue(scope, out var layers)) _pending[scope] = layers = ScopeRun.NewApplied();
        if (!layers.TryGetValue(apply, out var paths)) layers[apply] = paths = new List<string>();
        paths.Add(path);
    }

    public void ScopeChecked(Scope scope, string path, IReadOnlyList<Shape[]?> values, IScalarScope scalars, long parameters)
    {
        if (!_pending.TryGetValue(scope, out var applied)) applied = ScopeRun.NewApplied();
        _pending.Remove(scope);
        if (!_runs.TryGetValue(scope, out var runs)) _runs[scope] = runs = new List<ScopeRun>();
        runs.Add(new ScopeRun(scope, path, values, scalars, applied));
    }

    /// <summary>The run of <paramref name="scope"/> at <paramref name="path"/>, or null.</summary>
    public ScopeRun? Run(Scope scope, string path)
    {
        if (!_runs.TryGetValue(scope, out var runs)) return null;
        foreach (var run in runs)
        {
            if (run.Path == path) return run;
        }
        return null;
    }

    /// <summary>The runs of a group body below <paramref name="path"/> (one, or a parallel's copies), in the order they ran.</summary>
    public IEnumerable<ScopeRun> RunsBelow(Scope scope, string path)
    {
        if (!_runs.TryGetValue(scope, out var runs)) yield break;
        var prefix = path.Length == 0 ? "" : path + ".";
        foreach (var run in runs)
        {
            if (run.Path.StartsWith(prefix, System.StringComparison.Ordinal) && run.Path.Length > prefix.Length) yield return run;
        }
    }
}
