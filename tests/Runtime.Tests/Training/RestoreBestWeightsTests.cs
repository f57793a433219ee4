using System.Linq;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchRngCollection.Name)]
public sealed class RestoreBestWeightsTests
{
    /// <summary>Copies the model's state at the end of one epoch.</summary>
    private sealed class StateAt : TrainingCallback
    {
        private readonly int _epoch;

        public StateAt(int epoch) => _epoch = epoch;

        public (string Key, Tensor Value)[]? State { get; private set; }

        public override void OnEpochEnd(TrainingContext context, EpochRecord record)
        {
            if (record.Epoch == _epoch)
                State = Snapshot(context.Model, _ => true);
        }
    }

    [Fact]
    public void EarlyStopping_RestoresTheBestEpochsWeights_WhenItStops()
    {
        using var train = Blobs(20, seed: 1);
        // "loss" in Max mode is best at epoch 1 (the loss falls), so patience 2 stops after epoch 3.
        var atBest = new StateAt(1);
        var stopper = new EarlyStopping("loss", patience: 2, mode: MonitorMode.Max, restoreBestWeights: true);
        var model = Mlp(seed: 1);
        var history = new Trainer(model, Options(10, null, atBest, stopper)).Fit(train);

        Assert.Equal(3, history.Count);
        Assert.Equal(1, stopper.RestoredEpoch);
        foreach (var (key, value) in atBest.State!)
            Assert.True(model.state_dict()[key].eq(value).all().item<bool>(), $"'{key}' is not epoch 1's");
    }

    [Fact]
    public void EarlyStopping_RestoresTheBestEpochsWeights_WhenTheFitRunsToTheEnd()
    {
        using var train = Blobs(20, seed: 1);
        using var validation = Blobs(20, seed: 2);
        var atBest = new StateAt(1);
        var stopper = new EarlyStopping("loss", patience: 10, mode: MonitorMode.Max, restoreBestWeights: true);
        var model = Mlp(seed: 1);
        var trainer = new Trainer(model, Options(4, null, atBest, stopper));
        var history = trainer.Fit(train, validation);

        Assert.Equal(4, history.Count);
        Assert.Equal(0, stopper.StoppedEpoch);
        Assert.Equal(1, stopper.RestoredEpoch);
        foreach (var (key, value) in atBest.State!)
            Assert.True(model.state_dict()[key].eq(value).all().item<bool>(), $"'{key}' is not epoch 1's");
        Assert.Equal(history.Epochs[0]["val_loss"], trainer.Evaluate(validation)["loss"], 5);
    }

    [Fact]
    public void WithoutRestore_TheModelKeepsTheLastEpochsWeights()
    {
        using var train = Blobs(20, seed: 1);
        var atLast = new StateAt(3);
        var stopper = new EarlyStopping("loss", patience: 2, mode: MonitorMode.Max);
        var model = Mlp(seed: 1);
        new Trainer(model, Options(10, null, atLast, stopper)).Fit(train);

        Assert.Equal(0, stopper.RestoredEpoch);
        foreach (var (key, value) in atLast.State!)
            Assert.True(model.state_dict()[key].eq(value).all().item<bool>(), $"'{key}' is not epoch 3's");
    }
}
