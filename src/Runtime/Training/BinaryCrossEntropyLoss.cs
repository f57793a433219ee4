using NetDsl.Runtime.Outputs;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Binary cross-entropy against 0/1 targets: of logits (stable, sigmoid inside) or of sigmoid probabilities.
/// <see cref="Losses.BinaryCrossEntropy"/>'s <c>withLogits</c> says which a module that is not a NetDsl network
/// returns; a network says it itself, and a contradicting <c>withLogits</c> is refused.
/// </summary>
internal sealed class BinaryCrossEntropyLoss : Loss
{
    private readonly bool? _withLogits;

    public BinaryCrossEntropyLoss(bool? withLogits) => _withLogits = withLogits;

    public override string Name => _withLogits switch
    {
        true => "Losses.BinaryCrossEntropy(withLogits: true)",
        false => "Losses.BinaryCrossEntropy(withLogits: false)",
        _ => "Losses.BinaryCrossEntropy()",
    };

    public override LossFunction Bind(ModelOutput output)
    {
        var takesProbabilities = output.Declared ? output.Kind switch
        {
            OutputKind.Logits when _withLogits != false => false,
            OutputKind.IndependentProbabilities when _withLogits != true => true,
            OutputKind.Logits => throw Refuse(output, "leave out withLogits: false (the loss applies the sigmoid), or end the network in sigmoid"),
            OutputKind.IndependentProbabilities => throw Refuse(output, "leave out withLogits: true (the network applies the sigmoid)"),
            _ => throw Refuse(output, "use Losses.CrossEntropy() for softmax outputs, or end the network in sigmoid (or in no activation) for yes/no labels"),
        } : _withLogits == false;
        return takesProbabilities
            ? (probabilities, target) => functional.binary_cross_entropy(probabilities, Losses.MatchTarget(target, probabilities))
            : (scores, target) => functional.binary_cross_entropy_with_logits(scores, Losses.MatchTarget(target, scores));
    }
}
