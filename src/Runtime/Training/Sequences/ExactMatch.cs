using NetDsl.Runtime.Data;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// The fraction of sequences whose every counted position is predicted right (<c>exact_match</c>): a whole answer
/// correct. Positions whose target is the ignore index do not count; a sequence with no counted position is left
/// out. Measured with the true earlier tokens as input (teacher forcing), which for greedy decoding is the same
/// number as generating the answers: if every answer token is right given the right prefix, greedy generation
/// produces exactly those tokens, and the first wrong token is wrong in both.
/// </summary>
public sealed class ExactMatch : IMetric
{
    private readonly long _ignoreIndex;
    private long _correct;
    private long _total;

    public ExactMatch(long ignoreIndex = SequenceDataset.IgnoreIndex) => _ignoreIndex = ignoreIndex;

    public string Name => "exact_match";

    public bool HigherIsBetter => true;

    public void Reset() => (_correct, _total) = (0, 0);

    // The argmax of softmax, log-softmax or sigmoid outputs is that of the scores: no conversion for any kind.
    public void Update(torch.Tensor output, torch.Tensor target, OutputKind kind) => Update(output, target);

    public void Update(torch.Tensor output, torch.Tensor target)
    {
        using var scope = torch.NewDisposeScope();
        var (predicted, truth, counted) = TokenPredictions.Of(output, target, _ignoreIndex, "exact match");
        var wrong = predicted.ne(truth).logical_and(counted).any(1);
        var measured = counted.any(1);
        _correct += measured.logical_and(wrong.logical_not()).sum().item<long>();
        _total += measured.sum().item<long>();
    }

    public double Compute() => _total == 0 ? double.NaN : (double)_correct / _total;

    public IMetric NewInstance() => new ExactMatch(_ignoreIndex);
}
