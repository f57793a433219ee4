namespace NetDsl;

/// <summary>
/// What a network's output holds. The generator derives it from the op that produces the output (see
/// docs/language.md, "What an output is"); losses, metrics and <c>Predict</c> read it, so a network that ends in
/// <c>sigmoid</c> or <c>softmax</c> is never treated as one that returns raw scores.
/// </summary>
public enum OutputKind
{
    /// <summary>Raw scores (any last op other than those below): a softmax or sigmoid is still to be applied.</summary>
    Logits,

    /// <summary><c>softmax</c> over the class axis: each sample's values are non-negative and sum to 1.</summary>
    Probabilities,

    /// <summary><c>log_softmax</c> over the class axis: the logarithm of <see cref="Probabilities"/>.</summary>
    LogProbabilities,

    /// <summary><c>sigmoid</c>: every value is a probability of its own, in [0, 1] (binary or multi-label).</summary>
    IndependentProbabilities,
}
