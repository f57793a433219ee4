using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// A quality measure accumulated over an epoch's batches: reset, updated with each batch's (detached) outputs and
/// targets, then computed. Implementations keep plain numbers, never tensors, so nothing outlives a step.
/// </summary>
public interface IMetric
{
    /// <summary>The key in the history (validation values get the prefix <c>val_</c>).</summary>
    string Name { get; }

    /// <summary>True if larger is better (accuracy); false if smaller is (an error).</summary>
    bool HigherIsBetter { get; }

    void Reset();

    void Update(torch.Tensor output, torch.Tensor target);

    double Compute();
}
