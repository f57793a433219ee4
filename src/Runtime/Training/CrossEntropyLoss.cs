using NetDsl.Runtime.Outputs;
using static TorchSharp.torch.nn;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Cross-entropy against class indices or class probabilities. Softmax outputs are trained as the negative
/// log-likelihood of their logarithm: cross-entropy of log p equals -log p[target] because softmax(log p) = p.
/// </summary>
internal sealed class CrossEntropyLoss : Loss
{
    private readonly double _labelSmoothing;

    public CrossEntropyLoss(double labelSmoothing) => _labelSmoothing = labelSmoothing;

    public override string Name => "Losses.CrossEntropy()";

    public override LossFunction Bind(ModelOutput output) => output.Kind switch
    {
        OutputKind.Logits or OutputKind.LogProbabilities =>
            (scores, target) => functional.cross_entropy(scores, target, label_smoothing: _labelSmoothing),
        OutputKind.Probabilities =>
            (probabilities, target) => functional.cross_entropy(OutputConversions.SafeLog(probabilities), target, label_smoothing: _labelSmoothing),
        _ => throw Refuse(output,
            "use Losses.BinaryCrossEntropy() for one or several yes/no labels, or end the network in softmax (or in no activation) to pick one class out of several"),
    };
}
