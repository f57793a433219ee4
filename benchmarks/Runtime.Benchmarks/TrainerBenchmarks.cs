using System;
using BenchmarkDotNet.Attributes;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// What <see cref="Trainer"/> adds to a training step: an epoch of <see cref="Steps"/> batches through
/// <c>Trainer.Fit</c> (data loader, loss, accuracy metric, progress, per-epoch housekeeping) against the plain TorchSharp
/// loop a user would write for the same work (forward, cross-entropy, backward, SGD step, the batch's loss and number
/// correct read back), on two copies of the generated BenchCnn with the same weights and the same batches. The plain
/// loop is the baseline, so the Ratio column is the trainer's overhead factor; times are per step.
/// </summary>
[MemoryDiagnoser]
public class TrainerBenchmarks
{
    public const int Steps = 32;

    private nn.Module<Tensor, Tensor> _plainModel = null!;
    private optim.Optimizer _plainOptimizer = null!;
    private Trainer _trainer = null!;
    private DataLoader _loader = null!;
    private TensorDataset _data = null!;

    [Params(128)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchNative.EnsureLoaded();
        torch.manual_seed(1).Dispose();
        var trained = new BenchCnn();
        _plainModel = new BenchCnn();
        _plainModel.load_state_dict(trained.state_dict());
        _plainOptimizer = optim.SGD(_plainModel.parameters(), 0.01, momentum: 0.9);
        _data = new TensorDataset(randn(Steps * BatchSize, 1, 28, 28), randint(10, new long[] { Steps * BatchSize }));
        _trainer = new Trainer(trained, new TrainerOptions
        {
            Epochs = 1, BatchSize = BatchSize, Shuffle = false, Device = CPU, Optimizer = Optimizers.Sgd(0.01, momentum: 0.9),
            Progress = TrainingProgress.Silent,
        });
        _loader = new DataLoader(_data, BatchSize);
    }

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [BenchmarkCategory("train epoch"), Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
    public double PlainLoop()
    {
        _plainModel.train();
        double lossSum = 0;
        long correct = 0;
        for (var step = 0; step < Steps; step++)
        {
            using var scope = NewDisposeScope();
            var x = _data.Inputs.narrow(0, step * BatchSize, BatchSize);
            var y = _data.Targets.narrow(0, step * BatchSize, BatchSize);
            _plainOptimizer.zero_grad();
            var output = _plainModel.call(x);
            var loss = nn.functional.cross_entropy(output, y);
            loss.backward();
            _plainOptimizer.step();
            lossSum += loss.item<float>() * BatchSize;
            correct += output.detach().argmax(1).eq(y).sum().item<long>();
        }
        return lossSum + correct;
    }

    [BenchmarkCategory("train epoch"), Benchmark(OperationsPerInvoke = Steps)]
    public double Trainer()
    {
        var history = _trainer.Fit(_loader);
        return history.Last!["loss"];
    }
}
