using System;
using BenchmarkDotNet.Attributes;
using NetDsl.Zoo;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// The zoo's generated ViT-B/16 against <see cref="HandWrittenVit"/> with identical weights and images: a forward pass
/// (eval, no gradients) and a training step (forward, cross-entropy, backward, AdamW). The hand-written model is the
/// baseline: the Ratio column is generated / hand-written.
/// </summary>
[MemoryDiagnoser]
public class VitBenchmarks
{
    private nn.Module<Tensor, Tensor> _generated = null!;
    private nn.Module<Tensor, Tensor> _handWritten = null!;
    private optim.Optimizer _generatedOptimizer = null!;
    private optim.Optimizer _handWrittenOptimizer = null!;
    private Tensor _images = null!;
    private Tensor _labels = null!;

    [Params(2)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchNative.EnsureLoaded();
        torch.manual_seed(1).Dispose();
        _generated = new VitB16();
        _handWritten = new HandWrittenVit();
        _handWritten.load_state_dict(_generated.state_dict());
        _generatedOptimizer = optim.AdamW(_generated.parameters(), 1e-4);
        _handWrittenOptimizer = optim.AdamW(_handWritten.parameters(), 1e-4);
        _images = randn(BatchSize, 3, 224, 224);
        _labels = randint(1000, new long[] { BatchSize });
        _generated.eval();
        _handWritten.eval();
        using var noGrad = no_grad();
        if (!allclose(_generated.call(_images), _handWritten.call(_images), rtol: 1e-4, atol: 1e-4))
            throw new InvalidOperationException("the generated and the hand-written ViT-B/16 compute different outputs");
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
        return model.call(_images)[0, 0].item<float>();
    }

    private float TrainStep(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer)
    {
        model.train();
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.call(_images), _labels);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }
}
