using System.Collections.Generic;
using NetDsl.Semantics;

namespace NetDsl.Emit;

/// <summary>
/// Keeps what the checker computed for one network at its declared values: every run of a scope (the network, each call
/// of a block, each group body) by its path, and each layer's output shape by its path. The PyTorch emitter writes the
/// network from them, so it never re-derives a shape rule.
/// </summary>
internal sealed class PyTorchRecorder : ICheckObserver
{
    public Dictionary<string, ScopeRun> Runs { get; } = new(System.StringComparer.Ordinal);

    public Dictionary<string, Shape> Outputs { get; } = new(System.StringComparer.Ordinal);

    public void LayerChecked(Scope scope, ApplyInstruction apply, string path, Shape output, long parameters, long multiplyAccumulates, string? op) => Outputs[path] = output;

    public void ScopeChecked(Scope scope, string path, IReadOnlyList<Shape[]?> values, IScalarScope scalars, long parameters) =>
        Runs[path] = new ScopeRun(scope, path, values, scalars);
}

/// <summary>One run of a scope: its values' shapes (several for a parallel's copies) and its numbers.</summary>
internal sealed record ScopeRun(Scope Scope, string Path, IReadOnlyList<Shape[]?> Values, IScalarScope Scalars);
