using TorchSharp;
using static TorchSharp.torch.nn;

namespace NetDsl.Runtime.Training;

/// <summary>The common losses, as TorchSharp computes them.</summary>
public static class Losses
{
    /// <summary>
    /// Cross-entropy of logits <c>[N, classes]</c> against class indices <c>[N]</c> (int64) or class probabilities
    /// <c>[N, classes]</c>; <paramref name="labelSmoothing"/> in [0, 1) mixes the target with the uniform distribution.
    /// </summary>
    public static LossFunction CrossEntropy(double labelSmoothing = 0.0) =>
        (output, target) => functional.cross_entropy(output, target, label_smoothing: labelSmoothing);

    /// <summary>
    /// Binary cross-entropy of logits against 0/1 targets of the same shape (<c>[N]</c> or <c>[N, k]</c> for k
    /// independent labels); numerically stable (sigmoid inside). With <paramref name="withLogits"/> false the output
    /// must already be probabilities.
    /// </summary>
    public static LossFunction BinaryCrossEntropy(bool withLogits = true) =>
        withLogits
            ? (output, target) => functional.binary_cross_entropy_with_logits(output, Match(target, output))
            : (output, target) => functional.binary_cross_entropy(output, Match(target, output));

    /// <summary>Mean squared error.</summary>
    public static LossFunction MeanSquaredError() =>
        (output, target) => functional.mse_loss(output, Match(target, output));

    // Float targets of the output's shape ([N] labels against [N, 1] outputs are reshaped).
    private static torch.Tensor Match(torch.Tensor target, torch.Tensor output)
    {
        var t = target.dtype == output.dtype ? target : target.to(output.dtype);
        return t.shape.Length != output.shape.Length && t.numel() == output.numel() ? t.reshape(output.shape) : t;
    }
}
