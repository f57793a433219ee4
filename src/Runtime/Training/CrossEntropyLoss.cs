using System;
using NetDsl.Runtime.Outputs;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Cross-entropy against class indices or class probabilities. Softmax outputs are trained as the negative
/// log-likelihood of their logarithm: cross-entropy of log p equals -log p[target] because softmax(log p) = p.
/// Per token (<see cref="Losses.TokenCrossEntropy"/>), the classes are the last axis of outputs <c>[N, ..., vocabulary]</c>
/// and every other axis a position with its own target id in <c>[N, ...]</c>; the mean runs over the counted positions.
/// </summary>
internal sealed class CrossEntropyLoss : Loss
{
    private readonly double _labelSmoothing;
    private readonly long? _ignoreIndex;

    /// <param name="labelSmoothing">Mixes the target with the uniform distribution.</param>
    /// <param name="ignoreIndex">Per token: the target id of positions that are not counted; null for per-sample classes.</param>
    public CrossEntropyLoss(double labelSmoothing, long? ignoreIndex = null)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1))
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), $"label smoothing is in [0, 1), not {labelSmoothing}");
        _labelSmoothing = labelSmoothing;
        _ignoreIndex = ignoreIndex;
    }

    public override string Name => _ignoreIndex is null ? "Losses.CrossEntropy()" : "Losses.TokenCrossEntropy()";

    public override LossFunction Bind(ModelOutput output) => output.Kind switch
    {
        OutputKind.Logits or OutputKind.LogProbabilities => (scores, target) => Of(scores, target),
        OutputKind.Probabilities => (probabilities, target) => Of(OutputConversions.SafeLog(probabilities), target),
        _ => throw Refuse(output,
            "use Losses.BinaryCrossEntropy() for one or several yes/no labels, or end the network in softmax (or in no activation) to pick one class out of several"),
    };

    private torch.Tensor Of(torch.Tensor scores, torch.Tensor target)
    {
        if (_ignoreIndex is not { } ignore)
        {
            if (PerPositionWithClassesLast(scores, target))
                throw new ArgumentException($"{Name} reads the classes on axis 1, but the outputs [{string.Join(", ", scores.shape)}] and targets " +
                                            $"[{string.Join(", ", target.shape)}] have one target per position and the classes last (a sequence model's " +
                                            "[N, t, vocabulary]); use Losses.TokenCrossEntropy()");
            return functional.cross_entropy(scores, target, label_smoothing: _labelSmoothing);
        }
        var vocabulary = scores.shape[^1];
        if (scores.dim() < 2 || target.dim() != scores.dim() - 1 || !target.shape.AsSpan().SequenceEqual(scores.shape.AsSpan(..^1)))
            throw new ArgumentException($"{Name} takes outputs [N, ..., vocabulary] and one target id per position [N, ...]; " +
                                        $"got outputs [{string.Join(", ", scores.shape)}] and targets [{string.Join(", ", target.shape)}]");
        var ids = target.reshape(-1);
        // Summed, then divided by the counted positions (at least 1): a batch whose targets are all ignored adds 0, not NaN.
        var sum = functional.cross_entropy(scores.reshape(-1, vocabulary), ids, ignore_index: ignore,
            reduction: Reduction.Sum, label_smoothing: _labelSmoothing);
        return sum / ids.ne(ignore).sum().clamp_min(1).to(sum.dtype);
    }

    // Targets [N, t] against outputs [N, t, classes] where PyTorch's class axis 1 would need targets [N, classes]: the
    // shapes say the classes are last, which per-sample cross-entropy would misread (or fail on with a libtorch message).
    private static bool PerPositionWithClassesLast(torch.Tensor scores, torch.Tensor target) =>
        scores.dim() >= 3 && target.dim() == scores.dim() - 1 && !target.is_floating_point()
        && target.shape.AsSpan().SequenceEqual(scores.shape.AsSpan(..^1))
        && !target.shape.AsSpan(1).SequenceEqual(scores.shape.AsSpan(2));
}
