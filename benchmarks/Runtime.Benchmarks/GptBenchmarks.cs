using System;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// The generated BenchGpt against <see cref="HandWrittenGpt"/> (nanoGPT's architecture written in TorchSharp), with
/// identical weights and token ids: a forward pass (eval, no gradients) and a training step (forward, cross-entropy
/// over every position, backward, AdamW). The hand-written model is the baseline: the Ratio column is generated /
/// hand-written.
/// </summary>
[MemoryDiagnoser]
public class GptBenchmarks
{
    private const long Vocab = 512;

    private nn.Module<Tensor, Tensor> _generated = null!;
    private nn.Module<Tensor, Tensor> _handWritten = null!;
    private optim.Optimizer _generatedOptimizer = null!;
    private optim.Optimizer _handWrittenOptimizer = null!;
    private Tensor _ids = null!;
    private Tensor _targets = null!;

    [Params(16)]
    public int BatchSize { get; set; }

    [Params(64)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchNative.EnsureLoaded();
        torch.manual_seed(1).Dispose();
        _generated = new BenchGpt();
        _handWritten = new HandWrittenGpt();
        // The same weights; the hand-written model has no lm_head key (it multiplies by wte.weight itself).
        _handWritten.load_state_dict(_generated.state_dict(), strict: false);
        _generatedOptimizer = optim.AdamW(_generated.parameters(), 1e-3);
        _handWrittenOptimizer = optim.AdamW(_handWritten.parameters(), 1e-3);
        _ids = randint(Vocab, new long[] { BatchSize, Length });
        _targets = randint(Vocab, new long[] { BatchSize, Length });
        _generated.eval();
        _handWritten.eval();
        using var noGrad = no_grad();
        if (!allclose(_generated.call(_ids), _handWritten.call(_ids), rtol: 1e-4, atol: 1e-5))
            throw new InvalidOperationException("the generated and the hand-written GPT compute different outputs");
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
        return model.call(_ids)[0, 0, 0].item<float>();
    }

    private float TrainStep(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer)
    {
        model.train();
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(model.call(_ids).reshape(-1, Vocab), _targets.reshape(-1));
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }
}
