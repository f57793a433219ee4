using System;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>The fraction of samples whose class is among the <c>k</c> highest outputs (named <c>top{k}</c>).</summary>
public sealed class TopKAccuracy : IMetric
{
    private readonly int _k;
    private long _correct;
    private long _total;

    public TopKAccuracy(int k)
    {
        if (k < 1)
            throw new ArgumentOutOfRangeException(nameof(k), $"k must be at least 1, not {k}");
        _k = k;
    }

    public string Name => $"top{_k}";

    public bool HigherIsBetter => true;

    public void Reset() => (_correct, _total) = (0, 0);

    // The k highest of softmax, log-softmax or sigmoid outputs are those of the scores: no conversion for any kind.
    public void Update(torch.Tensor output, torch.Tensor target, OutputKind kind) => Update(output, target);

    public void Update(torch.Tensor output, torch.Tensor target)
    {
        if (output.dim() != 2)
            throw new ArgumentException($"top-{_k} accuracy needs outputs [N, classes], not [{string.Join(", ", output.shape)}]");
        using var scope = torch.NewDisposeScope();
        var n = output.shape[0];
        var k = Math.Min(_k, (int)output.shape[1]);
        var truth = target.dim() == 2 && target.is_floating_point() ? target.argmax(1) : target.reshape(n);
        var top = output.topk(k, dim: 1).indexes;
        _correct += top.eq(truth.unsqueeze(1)).any(1).sum().item<long>();
        _total += n;
    }

    public double Compute() => _total == 0 ? double.NaN : (double)_correct / _total;

    public IMetric NewInstance() => new TopKAccuracy(_k);
}
