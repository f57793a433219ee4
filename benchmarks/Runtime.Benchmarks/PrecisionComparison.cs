using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>
/// Mixed precision on this machine: the quickstart's network (BenchCnn) trained on the repository's Fashion-MNIST
/// (8,000 of the 10,000 images in data/fashion-mnist, the other 2,000 held out), from the same initial weights and
/// batches, with <see cref="MixedPrecision.Off"/>, <see cref="MixedPrecision.BFloat16"/> and
/// <see cref="MixedPrecision.Float16"/>, in mirrored order each round (Off, bf16, fp16, fp16, bf16, Off) so that a
/// changing load hits all alike. Prints each fit's training throughput and held-out accuracy and loss.
/// Arguments: epochs (default 3), rounds (default 1), data folder (default: found above the program).
/// </summary>
internal static class PrecisionComparison
{
    public static int Run(string[] args)
    {
        var epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var folder = args.Length > 2 ? args[2] : FindData();
        TorchNative.EnsureLoaded();
        var all = FashionMnist.Load(folder, MnistSet.Test);
        var (train, heldOut) = all.Split(all.Count - 2_000, seed: 7);
        var (mean, std) = FashionMnist.PixelStatistics;
        var normalize = Transforms.Normalize(mean, std);
        Console.WriteLine($"precision: BenchCnn, {train.Count:N0} training / {heldOut.Count:N0} held-out Fashion-MNIST images, {epochs} epochs of batch 64, Adam 1e-3, {torch.get_num_threads()} threads");
        var modes = new[] { MixedPrecision.Off, MixedPrecision.BFloat16, MixedPrecision.Float16 };
        var results = modes.ToDictionary(m => m, _ => new List<(double Rate, double Accuracy, double Loss)>());
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var mode in modes.Concat(modes.Reverse()))
            {
                Determinism.Seed(1);
                var model = new BenchCnn();
                var history = new Trainer(model, new TrainerOptions
                {
                    Epochs = epochs, BatchSize = 64, Seed = 1, Device = torch.CPU, MixedPrecision = mode,
                    Optimizer = Optimizers.Adam(1e-3), Progress = TrainingProgress.Silent,
                    TrainTransform = normalize, ValidationTransform = normalize,
                }).Fit(train, heldOut);
                var rate = history.Epochs.Average(e => e["samples_per_second"]);
                var last = history.Last!;
                results[mode].Add((rate, last["val_accuracy"], last["val_loss"]));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round} {mode,-8}  {rate,7:F0} samples/s  held-out accuracy {last["val_accuracy"]:F4}  loss {last["val_loss"]:F4}"));
            }
        }
        var baseline = Median(results[MixedPrecision.Off].Select(r => r.Rate));
        foreach (var mode in modes)
        {
            var rate = Median(results[mode].Select(r => r.Rate));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{mode,-8}  median {rate:F0} samples/s ({rate / baseline:F2}x Off), held-out accuracy {string.Join(" ", results[mode].Select(r => r.Accuracy.ToString("F4", CultureInfo.InvariantCulture)))}"));
        }
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string FindData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "fashion-mnist");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("data/fashion-mnist not found above the program; pass the folder as the third argument");
    }
}
