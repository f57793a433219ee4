using NetDsl.Runtime.Data;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// The fraction of counted positions whose most likely token is the target (<c>token_accuracy</c>); positions whose
/// target is the ignore index (prompt, padding) are not counted. See <see cref="TokenPredictions"/>.
/// </summary>
public sealed class TokenAccuracy : IMetric
{
    private readonly long _ignoreIndex;
    private long _correct;
    private long _total;

    public TokenAccuracy(long ignoreIndex = SequenceDataset.IgnoreIndex) => _ignoreIndex = ignoreIndex;

    public string Name => "token_accuracy";

    public bool HigherIsBetter => true;

    public void Reset() => (_correct, _total) = (0, 0);

    // The argmax of softmax, log-softmax or sigmoid outputs is that of the scores: no conversion for any kind.
    public void Update(torch.Tensor output, torch.Tensor target, OutputKind kind) => Update(output, target);

    public void Update(torch.Tensor output, torch.Tensor target)
    {
        using var scope = torch.NewDisposeScope();
        var (predicted, truth, counted) = TokenPredictions.Of(output, target, _ignoreIndex, "token accuracy");
        _correct += predicted.eq(truth).logical_and(counted).sum().item<long>();
        _total += counted.sum().item<long>();
    }

    public double Compute() => _total == 0 ? double.NaN : (double)_correct / _total;

    public IMetric NewInstance() => new TokenAccuracy(_ignoreIndex);
}
