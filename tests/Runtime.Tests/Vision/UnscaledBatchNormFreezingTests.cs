using System;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;

namespace NetDsl.Runtime.Tests.Vision;

/// <summary>
/// A frozen prefix (transfer learning from Keras' Inception-ResNet v2, whose batch norms have no scale) keeps its
/// batch norms in evaluation, so their running statistics do not move, as for nn.BatchNorm1d/2d: the trainer knows a batch
/// norm by its running_mean buffer, not by its type.
/// </summary>
[Collection(TorchRngCollection.Name)]
public sealed class UnscaledBatchNormFreezingTests
{
    [Fact]
    public void A_frozen_batch_norm_without_scale_keeps_its_statistics_while_the_head_trains()
    {
        using var train = Blobs(30, seed: 3);
        Determinism.Seed(3);
        var model = new FrozenUnscaled();
        var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 2, BatchSize = 16, Seed = 3, Progress = NetDsl.Runtime.Reporting.TrainingProgress.Silent, Optimizer = Optimizers.Adam(0.05),
            Frozen = new[] { "features" },
        });
        var frozenBefore = Snapshot(model, k => k.StartsWith("features.", StringComparison.Ordinal));
        var headBefore = Snapshot(model, k => k.StartsWith("classifier.", StringComparison.Ordinal));

        trainer.Fit(train);

        var state = model.state_dict();
        foreach (var (key, value) in frozenBefore)
            Assert.True(state[key].eq(value).all().item<bool>(), $"frozen '{key}' changed");
        Assert.All(headBefore, e => Assert.False(state[e.Key].eq(e.Value).all().item<bool>(), $"'{e.Key}' did not train"));
        Assert.Contains("features.1.running_mean", state.Keys);
    }
}
