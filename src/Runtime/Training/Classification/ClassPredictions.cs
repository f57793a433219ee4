using System;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// The predicted and true class of every sample of a batch, as the classification metrics read them: outputs
/// <c>[N, classes]</c> by argmax against class indices <c>[N]</c> (or the argmax of one-hot or probability targets);
/// single outputs <c>[N]</c> or <c>[N, 1]</c> as two classes, positive when a logit is above 0 or a sigmoid
/// probability above 0.5, against 0/1 targets.
/// </summary>
internal static class ClassPredictions
{
    /// <summary>The classes an output distinguishes: its width for <c>[N, classes]</c>, 2 for one value per sample.</summary>
    public static int ClassesOf(torch.Tensor output) => output.dim() == 2 && output.shape[1] > 1 ? (int)output.shape[1] : 2;

    /// <summary>Predicted and true classes, int64 <c>[N]</c> each, and the number of classes the output distinguishes.</summary>
    public static (torch.Tensor Predicted, torch.Tensor Truth, int Classes) Of(torch.Tensor output, torch.Tensor target, OutputKind kind)
    {
        var n = output.shape[0];
        if (output.dim() == 1 || (output.dim() == 2 && output.shape[1] == 1))
        {
            // Argmax needs no conversion (softmax and log are monotonic); a single value's threshold depends on its kind.
            var positive = kind == OutputKind.IndependentProbabilities ? output.reshape(n) > 0.5 : output.reshape(n) > 0;
            return (positive.to(torch.int64), (target.reshape(n) > 0.5).to(torch.int64), 2);
        }
        if (output.dim() != 2)
            throw new ArgumentException($"classification metrics need outputs [N, classes] or [N], not [{string.Join(", ", output.shape)}]" +
                                        (output.dim() > 2 ? "; for one prediction per position (a sequence model's [N, t, vocabulary]) use Metrics.TokenAccuracy() or Metrics.ExactMatch()" : ""));
        var truth = target.dim() == output.dim() && target.is_floating_point() ? target.argmax(1) : target.reshape(n).to(torch.int64);
        return (output.argmax(1), truth, (int)output.shape[1]);
    }
}
