using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchRngCollection.Name)]
public sealed class GradientAccumulationTests
{
    private sealed class Steps : TrainingCallback
    {
        public List<bool> Stepped { get; } = new();

        public override void OnBatchEnd(TrainingContext context, BatchRecord batch) => Stepped.Add(batch.OptimizerStepped);
    }

    // No batch norm and no dropout: the gradient of a group of small batches is then exactly that of one big batch.
    private static nn.Module<Tensor, Tensor> Linear(long seed)
    {
        Determinism.Seed(seed);
        return nn.Sequential(("0", nn.Linear(2, 8)), ("1", nn.Tanh()), ("2", nn.Linear(8, 3)));
    }

    private static TrainerOptions Plain(int batchSize, int accumulate, params TrainingCallback[] callbacks) => new()
    {
        Epochs = 2, BatchSize = batchSize, AccumulateGradients = accumulate, Shuffle = false, Seed = 1,
        Optimizer = Optimizers.Sgd(0.5, momentum: 0.9), Metrics = Array.Empty<IMetric>(), Progress = TrainingProgress.Silent,
        Callbacks = callbacks,
    };

    [Theory]
    [InlineData(8, 4, 32)]  // 40 samples: groups of 32 and 8 (one short batch)
    [InlineData(7, 3, 21)]  // 40 samples: batches 7 x 5 and 5; groups of 21 and 19
    public void AccumulatedSmallBatches_StepAsTheBigBatchWould(int small, int accumulate, int big)
    {
        using var data = Blobs(40 / 3 + 1, seed: 1);
        using var subset = new TensorDataset(data.Inputs[..40], data.Targets[..40]);
        var accumulated = Linear(seed: 3);
        var steps = new Steps();
        new Trainer(accumulated, Plain(small, accumulate, steps)).Fit(subset);
        var reference = Linear(seed: 3);
        new Trainer(reference, Plain(big, 1)).Fit(subset);

        foreach (var (key, value) in reference.state_dict())
        {
            var difference = (accumulated.state_dict()[key] - value).abs().max().item<float>();
            Assert.True(difference < 1e-5, $"'{key}' differs by {difference}");
        }
        var batches = (int)Math.Ceiling(40.0 / small);
        var expected = Enumerable.Range(1, batches).Select(b => b % accumulate == 0 || b == batches).ToArray();
        Assert.Equal(expected.Concat(expected), steps.Stepped);
    }

    [Fact]
    public void AccumulationChangesTheWeights_OnlyWhenTheGroupIsComplete()
    {
        using var data = Blobs(10, seed: 1);
        var model = Linear(seed: 3);
        var before = Snapshot(model, _ => true);
        var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 1, BatchSize = 10, AccumulateGradients = 3, Shuffle = false, Optimizer = Optimizers.Sgd(0.1),
            Progress = TrainingProgress.Silent, Callbacks = new TrainingCallback[] { new Probe(before) },
        });
        trainer.Fit(data);
    }

    private sealed class Probe : TrainingCallback
    {
        private readonly (string Key, Tensor Value)[] _before;

        public Probe((string Key, Tensor Value)[] before) => _before = before;

        public override void OnBatchEnd(TrainingContext context, BatchRecord batch)
        {
            var moved = _before.Any(b => !context.Model.state_dict()[b.Key].eq(b.Value).all().item<bool>());
            Assert.Equal(batch.Step >= 3, moved);
        }
    }

    [Fact]
    public void PerBatchSchedule_StepsWithTheOptimizer()
    {
        using var data = Blobs(10, seed: 1); // 30 samples, 4 batches of 8: optimizer steps after batches 2 and 4
        var trainer = new Trainer(Linear(seed: 1), new TrainerOptions
        {
            Epochs = 1, BatchSize = 8, AccumulateGradients = 2, Optimizer = Optimizers.Sgd(0.4), ScheduleStep = ScheduleStep.Batch,
            LearningRateSchedule = o => optim.lr_scheduler.StepLR(o, step_size: 1, gamma: 0.5), Progress = TrainingProgress.Silent,
        });
        trainer.Fit(data);
        Assert.Equal(0.1, trainer.Optimizer.ParamGroups.First().LearningRate, 12);
    }

    [Fact]
    public void LessThanOneBatch_IsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(Linear(seed: 1), Plain(8, 0)));
        Assert.Contains("AccumulateGradients must be at least 1", error.Message);
    }
}
