using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// The generated BenchCnn against <see cref="HandWrittenCnn"/>, with identical weights and inputs: a forward pass
/// (eval, no gradients) and a full training step (forward, cross-entropy, backward, SGD with momentum). The
/// hand-written module is the baseline, so the Ratio column is generated / hand-written.
/// </summary>
[MemoryDiagnoser]
public class ModuleBenchmarks
{
    private nn.Module<Tensor, Tensor> _generated = null!;
    private nn.Module<Tensor, Tensor> _handWritten = null!;
    private optim.Optimizer _generatedOptimizer = null!;
    private optim.Optimizer _handWrittenOptimizer = null!;
    private Tensor _input = null!;
    private Tensor _labels = null!;

    [Params(64)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchNative.EnsureLoaded();
        torch.manual_seed(1).Dispose();
        _generated = new BenchCnn();
        _handWritten = new HandWrittenCnn();
        _handWritten.load_state_dict(_generated.state_dict());
        _generatedOptimizer = optim.SGD(_generated.parameters(), 0.01, momentum: 0.9);
        _handWrittenOptimizer = optim.SGD(_handWritten.parameters(), 0.01, momentum: 0.9);
        _input = randn(BatchSize, 1, 28, 28);
        _labels = randint(10, new long[] { BatchSize });
    }

    [BenchmarkCategory("forward"), Benchmark(Baseline = true)]
    public float Forward_HandWritten() => Forward(_handWritten);

    [BenchmarkCategory("forward"), Benchmark]
    public float Forward_Generated() => Forward(_generated);

    [BenchmarkCategory("train step"), Benchmark(Baseline = true)]
    public float TrainStep_HandWritten() => TrainStep(_handWritten, _handWrittenOptimizer);

    [BenchmarkCategory("train step"), Benchmark]
    public float TrainStep_Generated() => TrainStep(_generated, _generatedOptimizer);

    private float Forward(nn.Module<Tensor, Tensor> model)
    {
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return model.call(_input)[0, 0].item<float>();
    }

    private float TrainStep(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer)
    {
        model.train();
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.call(_input), _labels);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }
}
