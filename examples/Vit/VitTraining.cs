using System;
using System.Diagnostics;
using System.IO;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;

namespace NetDsl.Examples.Vit;

/// <summary>What a run measured.</summary>
/// <param name="TrainingSeconds">Wall time of <c>Trainer.Fit</c>.</param>
/// <param name="TestAccuracy">Accuracy on the test images (or the held-out ones).</param>
public sealed record VitResult(TrainingHistory History, double TrainingSeconds, double TestAccuracy);

/// <summary>Trains <see cref="FashionVit"/> on Fashion-MNIST and measures it on images it never saw.</summary>
public static class VitTraining
{
    public static VitResult Run(VitOptions options, TextWriter output, ITrainingProgress? progress = null)
    {
        IDataset train, test;
        string testName;
        var full = IdxDataset.HasMnistSet(options.DataFolder, MnistSet.Train);
        if (full)
        {
            train = FashionMnist.Load(options.DataFolder, MnistSet.Train);
            test = FashionMnist.Load(options.DataFolder, MnistSet.Test);
            testName = "test images";
        }
        else
        {
            var all = FashionMnist.Load(options.DataFolder, MnistSet.Test);
            (train, test) = all.Split(all.Count - 2_000, seed: 7);
            testName = "held-out images";
        }
        if (options.TrainLimit is { } limit)
            train = train.Take(limit);
        output.WriteLine($"Data: {options.DataFolder}: {train.Count:N0} training images, {test.Count:N0} {testName}.");

        var epochs = options.Epochs ?? (full ? 10 : 30);
        var (mean, std) = FashionMnist.PixelStatistics;
        var normalize = Transforms.Normalize(mean, std);
        var steps = (int)((train.Count + options.BatchSize - 1) / options.BatchSize);
        Determinism.Seed(options.Seed);
        using var model = new FashionVit();
        var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = options.BatchSize,
            Seed = options.Seed,
            Optimizer = Optimizers.AdamW(lr: 2e-3, weightDecay: 0.05),
            Loss = Losses.CrossEntropy(labelSmoothing: 0.1),
            Metrics = new[] { Metrics.Accuracy() },
            LearningRateSchedule = optimizer => torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr: 2e-3, total_steps: Math.Max(epochs * steps, 10)),
            ScheduleStep = ScheduleStep.Batch,
            // Mirrored clothes are still the same clothes.
            TrainTransform = Transforms.Compose(Transforms.RandomHorizontalFlip(), normalize),
            ValidationTransform = normalize,
            Progress = progress,
        });
        output.WriteLine($"Training FashionVit ({FashionVit.ParameterCount:N0} parameters) for {epochs} epochs of {steps} batches " +
                         $"on {trainer.Device.type} ({torch.get_num_threads()} threads):");
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(train, test);
        var seconds = clock.Elapsed.TotalSeconds;
        var accuracy = history.Last!.Values["val_accuracy"];
        output.WriteLine();
        output.WriteLine($"Trained in {seconds:F0} s. Accuracy on the {test.Count:N0} {testName}: {accuracy:P2}.");
        return new VitResult(history, seconds, accuracy);
    }
}
