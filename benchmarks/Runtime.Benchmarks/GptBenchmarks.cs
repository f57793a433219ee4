using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// A generated GPT against <see cref="HandWrittenGpt"/> (nanoGPT's architecture written in TorchSharp), with identical
/// weights and token ids: a forward pass (eval, no gradients) and a training step (forward, cross-entropy over every
/// position, backward, AdamW). <see cref="Network"/> picks the generated side: BenchGpt (BenchGpt.net, small) or the
/// zoo's GPT-2 small (124,439,808 parameters). The hand-written model is the baseline: the Ratio column is generated /
/// hand-written.
/// </summary>
[MemoryDiagnoser]
public class GptBenchmarks
{
    private long _vocab;

    private nn.Module<Tensor, Tensor> _generated = null!;
    private nn.Module<Tensor, Tensor> _handWritten = null!;
    private optim.Optimizer _generatedOptimizer = null!;
    private optim.Optimizer _handWrittenOptimizer = null!;
    private Tensor _ids = null!;
    private Tensor _targets = null!;

    /// <summary>
    /// Which generated network, on how many sequences of how many tokens: BenchGpt (vocabulary 512, 4 layers of width
    /// 128) on 16 x 64 tokens, and the zoo's GPT-2 small on 1 x 64 (a step of it costs about 50 times BenchGpt's).
    /// </summary>
    public sealed record Case(string Network, int BatchSize, int Length)
    {
        public override string ToString() => $"{Network} {BatchSize}x{Length}";
    }

    public static IEnumerable<Case> Cases => new[] { new Case("BenchGpt", 16, 64), new Case("Gpt2", 1, 64) };

    /// <summary>The two models and the token ids, after <see cref="Setup"/> (GptParts times their parts).</summary>
    internal nn.Module<Tensor, Tensor> Generated => _generated;

    internal nn.Module<Tensor, Tensor> HandWritten => _handWritten;

    internal Tensor Ids => _ids;

    [ParamsSource(nameof(Cases))]
    public Case Setting { get; set; } = new("BenchGpt", 16, 64);

    [GlobalSetup]
    public void Setup()
    {
        TorchNative.EnsureLoaded();
        torch.manual_seed(1).Dispose();
        (_generated, _handWritten, _vocab) = Setting.Network switch
        {
            "BenchGpt" => ((nn.Module<Tensor, Tensor>)new BenchGpt(), new HandWrittenGpt(), 512L),
            "Gpt2" => (new NetDsl.Zoo.Gpt2(), new HandWrittenGpt(vocab: 50257, context: 1024, width: 768, heads: 12, layers: 12), 50257L),
            _ => throw new ArgumentException($"unknown network '{Setting.Network}': BenchGpt or Gpt2"),
        };
        // The same weights; the hand-written model has no lm_head key (it multiplies by wte.weight itself).
        _handWritten.load_state_dict(_generated.state_dict(), strict: false);
        _generatedOptimizer = optim.AdamW(_generated.parameters(), 1e-3);
        _handWrittenOptimizer = optim.AdamW(_handWritten.parameters(), 1e-3);
        _ids = randint(_vocab, new long[] { Setting.BatchSize, Setting.Length });
        _targets = randint(_vocab, new long[] { Setting.BatchSize, Setting.Length });
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
        var loss = nn.functional.cross_entropy(model.call(_ids).reshape(-1, _vocab), _targets.reshape(-1));
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }
}
