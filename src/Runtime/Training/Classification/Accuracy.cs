using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// The fraction of samples classified correctly (see <see cref="ClassPredictions"/> for how outputs and targets are
/// read: argmax of <c>[N, classes]</c>; a logit above 0 or a sigmoid probability above 0.5 for one output).
/// </summary>
public sealed class Accuracy : IMetric
{
    private long _correct;
    private long _total;

    public string Name => "accuracy";

    public bool HigherIsBetter => true;

    public void Reset() => (_correct, _total) = (0, 0);

    public void Update(torch.Tensor output, torch.Tensor target) => Update(output, target, OutputKind.Logits);

    public void Update(torch.Tensor output, torch.Tensor target, OutputKind kind)
    {
        using var scope = torch.NewDisposeScope();
        var (predicted, truth, _) = ClassPredictions.Of(output, target, kind);
        _correct += predicted.eq(truth).sum().item<long>();
        _total += output.shape[0];
    }

    public double Compute() => _total == 0 ? double.NaN : (double)_correct / _total;

    public IMetric NewInstance() => new Accuracy();
}
