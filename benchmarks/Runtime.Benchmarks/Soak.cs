using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// Memory soak: Trainer.Fit on the generated BenchCnn for thousands of steps (with validation, metrics and a
/// checkpoint every epoch), sampling the process's resident set size every 100 steps. After a warm-up the RSS must
/// stay within ±5% of its post-warm-up median, i.e. nothing native leaks per step.
/// </summary>
internal static class Soak
{
    private const int StepsPerEpoch = 125; // not a multiple of the sampling interval: samples fall all over the epoch
    private const int BatchSize = 32;
    private const int WarmUpSteps = 300;

    public static int Run(int steps)
    {
        TorchNative.EnsureLoaded();
        var epochs = (int)Math.Ceiling((double)(steps + WarmUpSteps) / StepsPerEpoch);
        Determinism.Seed(1);
        using var train = new TensorDataset(randn(StepsPerEpoch * BatchSize, 1, 28, 28), randint(10, new long[] { StepsPerEpoch * BatchSize }));
        using var validation = new TensorDataset(randn(256, 1, 28, 28), randint(10, new long[] { 256 }));
        var folder = Directory.CreateTempSubdirectory("netdsl-soak").FullName;
        var probe = new RssProbe(100);
        var trainer = new Trainer(new BenchCnn(), new TrainerOptions
        {
            Epochs = epochs, BatchSize = BatchSize, Seed = 1, Progress = probe,
            Optimizer = Optimizers.AdamW(1e-3), Metrics = new IMetric[] { new Accuracy(), new TopKAccuracy(3) },
            TrainTransform = Transforms.RandomHorizontalFlip(),
            Callbacks = new TrainingCallback[] { new LastCheckpoint(Path.Combine(folder, "last.ckpt")) },
        });
        Console.WriteLine($"soak: {epochs} epochs x {StepsPerEpoch} steps of batch {BatchSize}; RSS sampled every 100 steps (anywhere in an epoch); warm-up {WarmUpSteps} steps");
        trainer.Fit(train, validation);
        Directory.Delete(folder, recursive: true);

        var after = probe.Samples.Where(s => s.Step > WarmUpSteps).ToArray();
        var median = after.Select(s => s.RssMb).Order().ElementAt(after.Length / 2);
        var min = after.Min(s => s.RssMb);
        var max = after.Max(s => s.RssMb);
        var deviation = Math.Max(max - median, median - min) / median;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"soak: {after.Last().Step - after.First().Step} steps after warm-up: RSS first {after.First().RssMb:F1} MB, last {after.Last().RssMb:F1} MB, " +
            $"min {min:F1}, max {max:F1}, median {median:F1} MB; largest deviation from the median {deviation:P1} (limit 5%)"));
        return deviation <= 0.05 ? 0 : 1;
    }

    /// <summary>VmRSS of this process, in MB.</summary>
    public static double RssMb()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>A progress display that records RSS every <c>every</c> steps and prints one line per epoch.</summary>
    private sealed class RssProbe : ITrainingProgress
    {
        private readonly int _every;
        private long _stepsBefore;

        public RssProbe(int every) => _every = every;

        public List<(long Step, double RssMb)> Samples { get; } = new();

        public void Run(Action fit) => fit();

        public void EpochStarted(int epoch, int epochs, long steps) => _stepsBefore = (long)(epoch - 1) * steps;

        public void StepCompleted(in StepProgress progress)
        {
            var step = _stepsBefore + progress.Step;
            if (step % _every == 0)
                Samples.Add((step, RssMb()));
        }

        public void EpochCompleted(EpochRecord record, int epochs)
        {
            if (record.Epoch % 4 == 0 || record.Epoch == epochs)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  step {Samples[^1].Step,5}  RSS {Samples[^1].RssMb,7:F1} MB  managed heap {GC.GetTotalMemory(false) / 1048576.0,6:F1} MB  " +
                    $"live tensors {DisposeScopeManager.Statistics.ThreadTotalLiveCount,4}  GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} alloc {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB  loss {record["loss"]:F4}  {record["samples_per_second"]:N0} samples/s"));
        }

        public void Message(string text)
        {
        }
    }
}
