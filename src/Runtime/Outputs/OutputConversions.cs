using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Outputs;

/// <summary>Turns an output of any <see cref="OutputKind"/> into the form a consumer needs.</summary>
public static class OutputConversions
{
    /// <summary>
    /// Scores whose softmax (or, for independent probabilities, sigmoid) is the output's probabilities: the logarithm of
    /// probabilities, the logit of sigmoid probabilities. Argmax, top-k and the sign are those of the probabilities.
    /// Probabilities of exactly 0 or 1 give infinite scores.
    /// </summary>
    public static Tensor ToLogits(Tensor output, OutputKind kind) => kind switch
    {
        OutputKind.Probabilities => output.log(),
        OutputKind.IndependentProbabilities => output.log() - (1 - output).log(),
        _ => output.alias(),
    };

    /// <summary>
    /// Class probabilities along axis 1: softmax of logits, exp of log-probabilities; probabilities as they are.
    /// Independent (sigmoid) probabilities stay independent: each value is that label's probability.
    /// </summary>
    public static Tensor ToProbabilities(Tensor output, OutputKind kind) => kind switch
    {
        OutputKind.Logits => nn.functional.softmax(output, 1),
        OutputKind.LogProbabilities => output.exp(),
        _ => output.alias(),
    };

    /// <summary>The log of probabilities, never minus infinity: a probability of 0 counts as the dtype's smallest normal number.</summary>
    public static Tensor SafeLog(Tensor probabilities) => probabilities.clamp_min(finfo(probabilities.dtype).tiny).log();
}
