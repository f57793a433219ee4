namespace NetDsl.Runtime.Training;

/// <summary>One training batch, as <see cref="TrainingCallback.OnBatchEnd"/> sees it.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="Step">1-based, within the epoch.</param>
/// <param name="Steps">Batches in the epoch.</param>
/// <param name="Loss">The batch's loss (its mean over the batch's samples).</param>
/// <param name="Samples">The batch's size.</param>
/// <param name="OptimizerStepped">
/// Whether the optimizer stepped after this batch: false between the batches whose gradients
/// <see cref="TrainerOptions.AccumulateGradients"/> adds up, and for a float16 step skipped because its gradients overflowed.
/// </param>
public readonly record struct BatchRecord(int Epoch, long Step, long Steps, double Loss, long Samples, bool OptimizerStepped)
{
    /// <summary>1-based, counted across epochs: (epoch - 1) x steps + step, the same in a resumed fit.</summary>
    public long GlobalStep => (Epoch - 1) * Steps + Step;
}
