using System;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Outputs;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchRngCollection.Name)]
public sealed class TrainerTests
{
    [Fact]
    public void Fit_LowersTheLoss_AndReaches97PercentOnHeldOutBlobs()
    {
        using var train = Blobs(200, seed: 1);
        using var heldOut = Blobs(100, seed: 2);
        var model = Mlp(seed: 3);
        var trainer = new Trainer(model, Options(epochs: 6));

        var history = trainer.Fit(train, heldOut);

        Assert.Equal(6, history.Count);
        var losses = history.Series("loss");
        Assert.True(losses[^1] < losses[0] * 0.5, $"loss went from {losses[0]} to {losses[^1]}");
        Assert.True(history.Last!["val_accuracy"] >= 0.97, $"held-out accuracy {history.Last!["val_accuracy"]}");
        var evaluated = trainer.Evaluate(heldOut);
        Assert.Equal(history.Last!["val_accuracy"], evaluated["accuracy"], 6);
        Assert.Equal(new[] { "loss", "accuracy", "seconds", "samples_per_second", "val_loss", "val_accuracy", "lr" }, history.Last!.Names);
    }

    [Fact]
    public void Fit_WithTheSameSeeds_IsDeterministic()
    {
        using var train = Blobs(50, seed: 1);
        var first = Mlp(seed: 3);
        new Trainer(first, Options(epochs: 2)).Fit(train);
        var second = Mlp(seed: 3);
        new Trainer(second, Options(epochs: 2)).Fit(train);
        AssertSameState(first, second);
    }

    public static TheoryData<string> ResumeCases => new() { "adam+steplr", "sgd-nesterov+onecycle-per-batch", "adamw+plateau", "rmsprop" };

    [Theory]
    [MemberData(nameof(ResumeCases))]
    public void Resume_GivesTheSameWeightsAndCurveAsAnUninterruptedRun(string setup)
    {
        using var train = Blobs(40, seed: 1);
        using var validation = Blobs(20, seed: 2);
        var folder = TestPaths.NewTempFolder();
        TrainerOptions Make(int epochs, string checkpoint) => Configure(setup, epochs, new LastCheckpoint(checkpoint));

        var uninterrupted = Mlp(seed: 3);
        var full = new Trainer(uninterrupted, Make(4, Path.Combine(folder, "full.ckpt"))).Fit(train, validation);

        var firstHalf = Mlp(seed: 3);
        var resumePath = Path.Combine(folder, "half.ckpt");
        new Trainer(firstHalf, Make(2, resumePath)).Fit(train, validation);
        Assert.Equal(2, Checkpoint.ReadInfo(resumePath).Epoch);

        var resumed = Mlp(seed: 99); // different initial weights: everything must come from the checkpoint
        var continued = new Trainer(resumed, Make(4, resumePath)).Fit(train, validation, resumeFrom: resumePath);

        AssertSameState(uninterrupted, resumed);
        Assert.Equal(full.Epochs.Select(e => e.Epoch), continued.Epochs.Select(e => e.Epoch));
        foreach (var name in new[] { "loss", "accuracy", "val_loss", "lr" })
            Assert.Equal(full.Series(name), continued.Series(name));
    }

    private static TrainerOptions Configure(string setup, int epochs, TrainingCallback checkpoint)
    {
        // Random augmentation too, so the restored RNG state matters beyond dropout.
        Func<Tensor, Tensor> jitter = x => x + randn_like(x) * 0.05f;
        var steps = (int)Math.Ceiling(120 / 32.0) * 4;
        return setup switch
        {
            "adam+steplr" => new TrainerOptions
            {
                Epochs = epochs, BatchSize = 32, Seed = 5, Progress = TrainingProgress.Silent, TrainTransform = jitter,
                Optimizer = Optimizers.Adam(0.01), LearningRateSchedule = o => optim.lr_scheduler.StepLR(o, 1, 0.5),
                Callbacks = new[] { checkpoint },
            },
            "sgd-nesterov+onecycle-per-batch" => new TrainerOptions
            {
                Epochs = epochs, BatchSize = 32, Seed = 5, Progress = TrainingProgress.Silent, TrainTransform = jitter,
                Optimizer = Optimizers.Sgd(0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-4),
                LearningRateSchedule = o => optim.lr_scheduler.OneCycleLR(o, 0.1, total_steps: steps), ScheduleStep = ScheduleStep.Batch,
                ClipGradientNorm = 1.0, Callbacks = new[] { checkpoint },
            },
            "adamw+plateau" => new TrainerOptions
            {
                Epochs = epochs, BatchSize = 32, Seed = 5, Progress = TrainingProgress.Silent,
                Optimizer = Optimizers.AdamW(0.01), ScheduleMonitor = "val_loss",
                LearningRateSchedule = o => optim.lr_scheduler.ReduceLROnPlateau(o, patience: 0, factor: 0.5),
                Callbacks = new[] { checkpoint },
            },
            "rmsprop" => new TrainerOptions
            {
                Epochs = epochs, BatchSize = 32, Seed = 5, Progress = TrainingProgress.Silent,
                Optimizer = Optimizers.RmsProp(0.005, momentum: 0.5), ClipGradientValue = 0.5,
                Callbacks = new[] { checkpoint },
            },
            _ => throw new ArgumentException(setup),
        };
    }

    [Fact]
    public void LearningRateSchedule_IsTorchSharpsScheduler_SteppedPerEpoch()
    {
        using var train = Blobs(20, seed: 1);
        var options = new TrainerOptions
        {
            Epochs = 3, BatchSize = 16, Seed = 1, Progress = TrainingProgress.Silent, Optimizer = Optimizers.Sgd(0.1),
            LearningRateSchedule = o => optim.lr_scheduler.StepLR(o, step_size: 1, gamma: 0.5),
        };
        var history = new Trainer(Mlp(seed: 1), options).Fit(train);
        Assert.Equal(new[] { 0.1, 0.05, 0.025 }, history.Series("lr").Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void GradientClipping_ByValue_BoundsEveryStep()
    {
        using var train = Blobs(16, seed: 1);
        var model = nn.Sequential(("classifier", nn.Linear(2, 3)));
        var before = Snapshot(model, _ => true);
        var options = new TrainerOptions
        {
            Epochs = 1, BatchSize = 48, Seed = 1, Progress = TrainingProgress.Silent, Optimizer = Optimizers.Sgd(1.0),
            ClipGradientValue = 1e-4,
        };
        new Trainer(model, options).Fit(train);
        foreach (var (key, value) in before)
        {
            var change = (model.state_dict()[key] - value).abs().max().item<float>();
            Assert.True(change <= 1.001e-4, $"'{key}' moved {change}, more than lr x clip");
            Assert.True(change > 0, $"'{key}' did not move at all");
        }
    }

    [Fact]
    public void GradientClipping_ByNorm_BoundsTheStep()
    {
        using var train = Blobs(16, seed: 1);
        var model = nn.Sequential(("classifier", nn.Linear(2, 3)));
        var before = Snapshot(model, _ => true);
        var options = new TrainerOptions
        {
            Epochs = 1, BatchSize = 48, Seed = 1, Progress = TrainingProgress.Silent, Optimizer = Optimizers.Sgd(1.0),
            ClipGradientNorm = 1e-3,
        };
        new Trainer(model, options).Fit(train);
        var squared = before.Sum(b => (model.state_dict()[b.Key] - b.Value).pow(2).sum().item<float>());
        Assert.InRange(Math.Sqrt(squared), 1e-4, 1.0001e-3);
    }

    [Fact]
    public void EarlyStopping_EndsTheFit_WhenTheMonitorStopsImproving()
    {
        using var train = Blobs(20, seed: 1);
        // "loss" in Max mode never improves after epoch 1 (the loss falls), so patience 2 stops after epoch 3.
        var stopper = new EarlyStopping("loss", patience: 2, mode: MonitorMode.Max);
        var history = new Trainer(Mlp(seed: 1), Options(10, null, stopper)).Fit(train);
        Assert.Equal(3, history.Count);
        Assert.Equal(3, stopper.StoppedEpoch);
    }

    [Fact]
    public void BestCheckpoint_HoldsTheBestEpoch_AndIsOnlyWrittenOnImprovement()
    {
        using var train = Blobs(30, seed: 1);
        using var validation = Blobs(30, seed: 2);
        var path = Path.Combine(TestPaths.NewTempFolder(), "best.ckpt");
        var best = new BestCheckpoint(path, "val_loss");
        var model = Mlp(seed: 1);
        var history = new Trainer(model, Options(5, Optimizers.Sgd(0.5), best)).Fit(train, validation);

        var losses = history.Series("val_loss");
        var bestEpoch = Array.IndexOf(losses, losses.Min()) + 1;
        Assert.Equal(bestEpoch, best.SavedEpoch);
        var info = Checkpoint.ReadInfo(path);
        Assert.Equal(bestEpoch, info.Epoch);
        Assert.Equal(bestEpoch, info.History.Count);

        var restored = Mlp(seed: 2);
        Checkpoint.LoadWeights(restored, path);
        var trainer = new Trainer(restored, Options(1));
        Assert.Equal(losses.Min(), trainer.Evaluate(validation)["loss"], 5);
    }

    [Fact]
    public void Monitor_ThatIsNotRecorded_ListsWhatIs()
    {
        using var train = Blobs(10, seed: 1);
        var error = Assert.Throws<InvalidOperationException>(() =>
            new Trainer(Mlp(seed: 1), Options(1, null, new BestCheckpoint(Path.Combine(TestPaths.NewTempFolder(), "x.ckpt"), "val_accuracy"))).Fit(train));
        Assert.Contains("cannot monitor 'val_accuracy'", error.Message);
        Assert.Contains("loss, accuracy", error.Message);
        Assert.Contains("validation data", error.Message);
    }

    [Fact]
    public void DivergingLoss_StopsWithAClearError()
    {
        using var train = Blobs(10, seed: 1);
        var options = new TrainerOptions { Epochs = 1, BatchSize = 2, Seed = 1, Optimizer = Optimizers.Sgd(1e30), Progress = TrainingProgress.Silent };
        var error = Assert.Throws<InvalidOperationException>(() => new Trainer(Mlp(seed: 1, dropout: 0), options).Fit(train));
        Assert.Contains("the loss became", error.Message);
        Assert.Contains("lower the learning rate", error.Message);
    }

    [Fact]
    public void OtherLosses_BinaryCrossEntropyAndMse_Train()
    {
        TorchNative.EnsureLoaded();
        Determinism.Seed(1);
        var x = randn(200, 2);
        var y = (x[.., 0] + x[.., 1] > 0).to(float32);
        using var data = new TensorDataset(x, y);
        var model = nn.Sequential(("0", nn.Linear(2, 1)));
        var bce = new Trainer(model, new TrainerOptions
        {
            Epochs = 5, BatchSize = 20, Seed = 1, Loss = Losses.BinaryCrossEntropy(), Optimizer = Optimizers.Adam(0.05),
            Progress = TrainingProgress.Silent,
        }).Fit(data);
        Assert.True(bce.Last!["accuracy"] > 0.9, $"binary accuracy {bce.Last!["accuracy"]}");
        Assert.True(bce.Last!["loss"] < bce.Epochs[0]["loss"]);

        var targets = x.sum(1, keepdim: true) * 2;
        using var regression = new TensorDataset(x, targets);
        var mse = new Trainer(nn.Sequential(("0", nn.Linear(2, 1))), new TrainerOptions
        {
            Epochs = 8, BatchSize = 20, Seed = 1, Loss = Losses.MeanSquaredError(), Metrics = Array.Empty<IMetric>(),
            Optimizer = Optimizers.Adam(0.1), Progress = TrainingProgress.Silent,
        }).Fit(regression);
        Assert.True(mse.Last!["loss"] < 0.05, $"mse {mse.Last!["loss"]}");
    }

    [Fact]
    public void LabelSmoothing_RaisesTheLossOfConfidentCorrectOutputs()
    {
        TorchNative.EnsureLoaded();
        using var output = tensor(new float[,] { { 10, 0, 0 } });
        using var target = tensor(new long[] { 0 });
        var logits = ModelOutput.Of(nn.Identity());
        var plain = Losses.CrossEntropy().Bind(logits)(output, target).item<float>();
        var smoothed = Losses.CrossEntropy(labelSmoothing: 0.1).Bind(logits)(output, target).item<float>();
        Assert.True(smoothed > plain + 0.5, $"{smoothed} vs {plain}");
    }

    [Fact]
    public void Progress_Plain_WritesOneLinePerEpoch()
    {
        using var train = Blobs(10, seed: 1);
        var writer = new StringWriter();
        var options = new TrainerOptions { Epochs = 2, BatchSize = 10, Seed = 1, Progress = new PlainProgress(writer) };
        new Trainer(Mlp(seed: 1), options).Fit(train);
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("epoch 1/2  loss ", lines[0]);
        Assert.Contains(" samples/s  ", lines[1]);
    }

    [Fact]
    public void Progress_Console_RendersBarsWithLossAndThroughput()
    {
        using var train = Blobs(10, seed: 1);
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.Yes,
            Interactive = Spectre.Console.InteractionSupport.Yes,
            Out = new Spectre.Console.AnsiConsoleOutput(output),
        });
        // Wide enough for every value (narrower terminals leave some out: ConsoleProgressTests).
        console.Profile.Width = 160;
        var options = new TrainerOptions { Epochs = 2, BatchSize = 10, Seed = 1, Progress = new ConsoleProgress(console) };
        new Trainer(Mlp(seed: 1), options).Fit(train);
        var text = output.ToString();
        Assert.Contains("epoch 2/2", text);
        Assert.Contains("samples/s", text);
    }
}
