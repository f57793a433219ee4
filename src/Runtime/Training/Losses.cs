using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// The common losses. Each fits itself to what the model returns (see <see cref="Loss"/>): a network that ends in
/// softmax or sigmoid trains as one that returns raw scores would, and a combination that cannot work is refused when
/// the <see cref="Trainer"/> is made.
/// </summary>
public static class Losses
{
    /// <summary>
    /// Cross-entropy of class scores <c>[N, classes]</c> against class indices <c>[N]</c> (int64) or class probabilities
    /// <c>[N, classes]</c>; <paramref name="labelSmoothing"/> in [0, 1) mixes the target with the uniform distribution.
    /// Takes raw scores, softmax probabilities (as the negative log-likelihood of their log) or log-probabilities.
    /// </summary>
    public static Loss CrossEntropy(double labelSmoothing = 0.0) => new CrossEntropyLoss(labelSmoothing);

    /// <summary>
    /// Cross-entropy per token, for sequence models: outputs <c>[N, t, vocabulary]</c> (the classes on the last axis) against
    /// one target id per position <c>[N, t]</c> (int64), as <see cref="Data.SequenceDataset"/> makes them. Positions whose
    /// target is <paramref name="ignoreIndex"/> (the prompt, padding) are not counted; the loss is the mean over the others.
    /// Takes raw scores, softmax probabilities or log-probabilities, as <see cref="CrossEntropy"/> does.
    /// </summary>
    public static Loss TokenCrossEntropy(long ignoreIndex = Data.SequenceDataset.IgnoreIndex, double labelSmoothing = 0.0) =>
        new CrossEntropyLoss(labelSmoothing, ignoreIndex);

    /// <summary>
    /// Binary cross-entropy against 0/1 targets of the output's shape (<c>[N]</c> or <c>[N, k]</c> for k independent
    /// labels). A NetDsl network says whether it returns raw scores (the stable form, sigmoid inside, is used) or
    /// sigmoid probabilities; for other modules <paramref name="withLogits"/> says it (default: raw scores).
    /// </summary>
    public static Loss BinaryCrossEntropy(bool? withLogits = null) => new BinaryCrossEntropyLoss(withLogits);

    /// <summary>Mean squared error of the output as it is.</summary>
    public static Loss MeanSquaredError() => new MeanSquaredErrorLoss();

    // Float targets of the output's dtype and shape ([N] labels against [N, 1] outputs are reshaped).
    internal static torch.Tensor MatchTarget(torch.Tensor target, torch.Tensor output)
    {
        var t = target.dtype == output.dtype ? target : target.to(output.dtype);
        return t.shape.Length != output.shape.Length && t.numel() == output.numel() ? t.reshape(output.shape) : t;
    }
}
