using System;
using TorchSharp;

namespace NetDsl.Runtime.Data;

/// <summary>
/// One mini-batch: inputs <c>[N, ...]</c> and targets <c>[N, ...]</c>. The batch owns both tensors; dispose it when the
/// step is done (the trainer does).
/// </summary>
public sealed class Batch : IDisposable
{
    public Batch(torch.Tensor inputs, torch.Tensor targets)
    {
        if (inputs.shape.Length == 0 || targets.shape.Length == 0 || inputs.shape[0] != targets.shape[0])
            throw new ArgumentException(
                $"inputs [{string.Join(", ", inputs.shape)}] and targets [{string.Join(", ", targets.shape)}] must have the same first (batch) dimension");
        Inputs = inputs;
        Targets = targets;
    }

    public torch.Tensor Inputs { get; internal set; }

    public torch.Tensor Targets { get; internal set; }

    /// <summary>The number of samples (the first dimension).</summary>
    public long Count => Targets.shape[0];

    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}
