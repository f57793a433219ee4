using System.Linq;
using NetDsl.Runtime.Training;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchRngCollection.Name)]
public sealed class ConfusionMatrixTrainingTests
{
    [Fact]
    public void ScoresInTheHistory_AreThoseOfTheConfusionMatrix_OfTheSameData()
    {
        using var train = Blobs(30, seed: 1);
        using var validation = Blobs(30, seed: 2);
        var options = new TrainerOptions
        {
            Epochs = 2, BatchSize = 16, Seed = 5, Optimizer = Optimizers.Adam(0.01), Progress = NetDsl.Runtime.Reporting.TrainingProgress.Silent,
            Metrics = new[] { Metrics.Accuracy(), Metrics.Precision(), Metrics.Recall(), Metrics.F1(), Metrics.F1(ofClass: 1) },
            Callbacks = new TrainingCallback[] { new BestCheckpoint(System.IO.Path.Combine(TestPaths.NewTempFolder(), "best.ckpt"), "val_f1") },
        };
        var trainer = new Trainer(Mlp(seed: 3), options);
        var last = trainer.Fit(train, validation).Last!;
        Assert.Equal(new[] { "loss", "accuracy", "precision", "recall", "f1", "f1_class1", "seconds", "samples_per_second", "val_loss", "val_accuracy", "val_precision", "val_recall", "val_f1", "val_f1_class1", "lr" },
            last.Names);

        var matrix = trainer.ConfusionMatrix(validation);
        Assert.Equal(new[] { "a", "b", "c" }, matrix.Names);
        Assert.Equal(90, matrix.Total);
        Assert.Equal(new long[] { 30, 30, 30 }, Enumerable.Range(0, 3).Select(matrix.Support));
        Assert.Equal(last["val_accuracy"], matrix.Accuracy, 12);
        Assert.Equal(last["val_precision"], matrix.MacroPrecision, 12);
        Assert.Equal(last["val_recall"], matrix.MacroRecall, 12);
        Assert.Equal(last["val_f1"], matrix.MacroF1, 12);
        Assert.Equal(last["val_f1_class1"], matrix.F1(1), 12);
    }
}
