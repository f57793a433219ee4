using System;
using System.Linq;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchRngCollection.Name)]
public sealed class FreezingTests
{
    private static bool UnderFeatures(string key) => key.StartsWith("features.", StringComparison.Ordinal);

    [Fact]
    public void FrozenPrefix_StaysBitIdentical_WithWeightDecayAndMomentum_WhileTheRestTrains()
    {
        using var train = Blobs(30, seed: 1);
        var model = Mlp(seed: 1);
        var trainer = new Trainer(model, new TrainerOptions
        {
            Epochs = 3, BatchSize = 16, Seed = 1, Progress = NetDsl.Runtime.Reporting.TrainingProgress.Silent, Optimizer = Optimizers.AdamW(0.05, weightDecay: 0.1),
            Frozen = new[] { "features" },
        });
        // Includes the batch-norm running statistics (buffers): the frozen BN layer stays in eval mode.
        var frozenBefore = Snapshot(model, UnderFeatures);
        var classifierBefore = Snapshot(model, k => k.StartsWith("classifier.", StringComparison.Ordinal));

        trainer.Fit(train);

        var state = model.state_dict();
        foreach (var (key, value) in frozenBefore)
            Assert.True(state[key].eq(value).all().item<bool>(), $"frozen '{key}' changed");
        Assert.All(classifierBefore, e => Assert.False(state[e.Key].eq(e.Value).all().item<bool>(), $"'{e.Key}' did not train"));
        Assert.Equal(new[] { "features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias" }, model.FrozenParameters());
    }

    [Fact]
    public void FreezingAfterTraining_DropsGradients_SoMomentumCannotMoveTheWeights()
    {
        using var train = Blobs(30, seed: 1);
        var model = Mlp(seed: 1);
        var trainer = new Trainer(model, Options(1, Optimizers.Sgd(0.1, momentum: 0.9, weightDecay: 0.01)));
        trainer.Fit(train);                    // builds momentum buffers and gradients for every parameter
        trainer.Freeze("features.0");          // a deeper prefix than a top-level child
        var frozenBefore = Snapshot(model, k => k.StartsWith("features.0.", StringComparison.Ordinal));

        trainer.Fit(train);

        foreach (var (key, value) in frozenBefore)
            Assert.True(model.state_dict()[key].eq(value).all().item<bool>(), $"frozen '{key}' changed");
        Assert.All(model.named_parameters().Where(p => p.name.StartsWith("features.0.", StringComparison.Ordinal)),
            p => Assert.Null(p.parameter.grad));
    }

    [Fact]
    public void UnfreezeAt_TrainsThePrefixFromThatEpochOn()
    {
        using var train = Blobs(30, seed: 1);
        var model = Mlp(seed: 1);
        var before = Snapshot(model, k => k == "features.0.weight").Single().Value;
        var afterEpoch1 = (Tensor?)null;
        var probe = new ProbeCallback(epoch =>
        {
            if (epoch == 1)
                afterEpoch1 = model.state_dict()["features.0.weight"].detach().clone();
        });
        new Trainer(model, new TrainerOptions
        {
            Epochs = 2, BatchSize = 16, Seed = 1, Progress = NetDsl.Runtime.Reporting.TrainingProgress.Silent, Frozen = new[] { "features" },
            Callbacks = new TrainingCallback[] { new UnfreezeAt(2, "features"), probe },
        }).Fit(train);

        Assert.True(afterEpoch1!.eq(before).all().item<bool>(), "changed while frozen");
        Assert.False(model.state_dict()["features.0.weight"].eq(before).all().item<bool>(), "did not train after unfreezing");
        Assert.Empty(model.FrozenParameters());
    }

    [Fact]
    public void UnknownPrefix_IsAnError_ListingTheChildren()
    {
        var model = Mlp(seed: 1);
        var error = Assert.Throws<ArgumentException>(() => model.Freeze("featurs"));
        Assert.Contains("'featurs'", error.Message);
        Assert.Contains("features, classifier", error.Message);
        // A prefix matches whole path segments only.
        Assert.Throws<ArgumentException>(() => model.Freeze("feat"));
    }

    [Theory]
    [InlineData("features.0.weight", "features", true)]
    [InlineData("features.0.weight", "features.0", true)]
    [InlineData("features.0.weight", "features.0.weight", true)]
    [InlineData("features2.weight", "features", false)]
    [InlineData("features.10.weight", "features.1", false)]
    [InlineData("anything", "", true)]
    public void Matches_WholeSegments(string path, string prefix, bool expected) =>
        Assert.Equal(expected, Freezing.Matches(path, prefix));

    private sealed class ProbeCallback : TrainingCallback
    {
        private readonly Action<int> _afterEpoch;

        public ProbeCallback(Action<int> afterEpoch) => _afterEpoch = afterEpoch;

        public override void OnEpochEnd(TrainingContext context, NetDsl.Runtime.Reporting.EpochRecord record) => _afterEpoch(record.Epoch);
    }
}
