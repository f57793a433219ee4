using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Samples held in memory as two tensors, inputs <c>[N, ...]</c> and targets <c>[N, ...]</c>; a batch is an
/// <c>index_select</c> of both. The dataset owns the tensors it was given.
/// </summary>
public sealed class TensorDataset : IDataset, IDisposable
{
    private readonly torch.Tensor _inputs;
    private readonly torch.Tensor _targets;

    public TensorDataset(torch.Tensor inputs, torch.Tensor targets, IReadOnlyList<string>? classes = null)
    {
        TorchNative.EnsureLoaded();
        if (inputs.shape.Length == 0 || targets.shape.Length == 0)
            throw new ArgumentException("inputs and targets need a first (sample) dimension");
        if (inputs.shape[0] != targets.shape[0])
            throw new ArgumentException($"{inputs.shape[0]} inputs but {targets.shape[0]} targets: every sample needs exactly one target");
        _inputs = inputs.DetachFromDisposeScope();
        _targets = targets.DetachFromDisposeScope();
        Classes = classes;
    }

    public long Count => _inputs.shape[0];

    public IReadOnlyList<string>? Classes { get; }

    /// <summary>All inputs, <c>[N, ...]</c> (owned by the dataset; do not dispose).</summary>
    public torch.Tensor Inputs => _inputs;

    /// <summary>All targets, <c>[N, ...]</c> (owned by the dataset; do not dispose).</summary>
    public torch.Tensor Targets => _targets;

    public Batch GetBatch(IReadOnlyList<long> indices)
    {
        var count = Count;
        var array = indices as long[] ?? indices.ToArray();
        foreach (var index in array)
        {
            if (index < 0 || index >= count)
                throw new ArgumentOutOfRangeException(nameof(indices), $"sample {index} does not exist: the dataset has {count} samples");
        }
        using var scope = torch.NewDisposeScope();
        var index1 = torch.tensor(array, torch.int64);
        var inputs = _inputs.index_select(0, index1);
        var targets = _targets.index_select(0, index1);
        return new Batch(inputs.MoveToOuterDisposeScope(), targets.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        _inputs.Dispose();
        _targets.Dispose();
    }
}
