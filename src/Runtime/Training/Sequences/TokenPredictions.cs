using System;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// The predicted and true id of every position of a batch, as the token metrics read them: outputs
/// <c>[N, ..., vocabulary]</c> by argmax over the last axis (the same for raw scores, probabilities and
/// log-probabilities) against target ids <c>[N, ...]</c>, and which positions count (target not the ignore index).
/// </summary>
internal static class TokenPredictions
{
    /// <summary>Predicted and true ids, and the counted positions (bool), each <c>[N, positions]</c>.</summary>
    public static (torch.Tensor Predicted, torch.Tensor Truth, torch.Tensor Counted) Of(torch.Tensor output, torch.Tensor target, long ignoreIndex, string metric)
    {
        if (output.dim() < 2 || target.dim() != output.dim() - 1 || !target.shape.AsSpan().SequenceEqual(output.shape.AsSpan(..^1)))
            throw new ArgumentException($"{metric} needs outputs [N, ..., vocabulary] and one target id per position [N, ...]; " +
                                        $"got outputs [{string.Join(", ", output.shape)}] and targets [{string.Join(", ", target.shape)}]");
        var n = output.shape[0];
        var truth = target.reshape(n, -1).to(torch.int64);
        return (output.argmax(-1).reshape(n, -1), truth, truth.ne(ignoreIndex));
    }
}
