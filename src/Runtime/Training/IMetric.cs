using NetDsl.Runtime.Outputs;
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

    /// <summary>One batch: raw scores (logits) <c>[N, ...]</c> and targets.</summary>
    void Update(torch.Tensor output, torch.Tensor target);

    /// <summary>
    /// One batch as the model returns it, with what it holds. The trainer calls this; by default the output is turned
    /// into raw scores with the same argmax and sign (<see cref="OutputConversions.ToLogits"/>) for
    /// <see cref="Update(torch.Tensor, torch.Tensor)"/>, so a metric written for logits stays right for a network that
    /// ends in softmax or sigmoid.
    /// </summary>
    void Update(torch.Tensor output, torch.Tensor target, OutputKind kind)
    {
        if (kind == OutputKind.Logits)
        {
            Update(output, target);
            return;
        }
        using var scores = OutputConversions.ToLogits(output, kind);
        Update(scores, target);
    }

    double Compute();

    /// <summary>
    /// A new metric of the same kind and settings, with nothing accumulated: the trainer measures each other output of a
    /// network with several outputs with one. Null (the default) when the metric cannot make one; it then measures the
    /// main output only.
    /// </summary>
    IMetric? NewInstance() => null;
}
