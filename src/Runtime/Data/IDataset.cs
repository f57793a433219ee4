using System;
using System.Collections.Generic;

namespace NetDsl.Runtime.Data;

/// <summary>
/// A finite, indexable set of samples that hands out whole mini-batches.
/// </summary>
/// <remarks>
/// Datasets whose samples come from files (<see cref="ReadsAhead"/>) split a batch into a slow part that never
/// touches torch (<see cref="ReadSamples"/>: reading and decoding into managed memory), which the data loader runs
/// on a background thread, and a quick part (<see cref="SampleBlock.ToBatch"/>) on the training thread. Torch calls
/// from a second thread would start a second OpenMP thread team whose busy-waiting competes with training.
/// </remarks>
public interface IDataset
{
    /// <summary>The number of samples.</summary>
    long Count { get; }

    /// <summary>Class names by label index, when the targets are class labels (else null).</summary>
    IReadOnlyList<string>? Classes { get; }

    /// <summary>The samples at <paramref name="indices"/> (each in <c>[0, Count)</c>), stacked into one batch the caller owns.</summary>
    Batch GetBatch(IReadOnlyList<long> indices);

    /// <summary>True when <see cref="ReadSamples"/> is available (file-backed datasets); false for in-memory tensors.</summary>
    bool ReadsAhead => false;

    /// <summary>Reads and decodes samples into managed memory without any torch call; safe on any thread.</summary>
    SampleBlock ReadSamples(IReadOnlyList<long> indices) =>
        throw new NotSupportedException($"{GetType().Name} builds its batches from tensors; use GetBatch");
}
