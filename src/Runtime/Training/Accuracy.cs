using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// The fraction of samples classified correctly. Multi-class outputs <c>[N, classes]</c> are compared by argmax with
/// class indices <c>[N]</c> (or with the argmax of one-hot/probability targets); single outputs <c>[N]</c> or
/// <c>[N, 1]</c> are binary against 0/1 targets: a logit above 0, or a sigmoid probability above 0.5.
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
        var n = output.shape[0];
        torch.Tensor hits;
        if (output.dim() == 1 || (output.dim() == 2 && output.shape[1] == 1))
        {
            // Argmax needs no conversion (softmax and log are monotonic); a single value's threshold depends on its kind.
            var positive = kind == OutputKind.IndependentProbabilities ? output.reshape(n) > 0.5 : output.reshape(n) > 0;
            hits = positive.eq(target.reshape(n) > 0.5);
        }
        else
        {
            var predicted = output.argmax(1);
            var truth = target.dim() == output.dim() && target.is_floating_point() ? target.argmax(1) : target.reshape(n);
            hits = predicted.eq(truth);
        }
        _correct += hits.sum().item<long>();
        _total += n;
    }

    public double Compute() => _total == 0 ? double.NaN : (double)_correct / _total;

    public IMetric NewInstance() => new Accuracy();
}
