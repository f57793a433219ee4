using System;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchRngCollection.Name)]
public sealed class CheckpointTests
{
    private static (string Path, Trainer Trainer) Saved()
    {
        using var train = Blobs(20, seed: 1);
        var path = Path.Combine(TestPaths.NewTempFolder(), "model.ckpt");
        var trainer = new Trainer(Mlp(seed: 1), Options(2, null, new LastCheckpoint(path)));
        trainer.Fit(train);
        return (path, trainer);
    }

    [Fact]
    public void Checkpoint_RoundTrips_ModelHistoryAndDescription()
    {
        var (path, trainer) = Saved();
        var info = Checkpoint.ReadInfo(path);
        Assert.Equal(2, info.Epoch);
        Assert.Equal(trainer.History.Series("loss"), info.History.Series("loss"));
        Assert.Equal(5, info.Seed);
        Assert.Contains("Sequential", info.ModelType);
        Assert.Contains("Adam", info.OptimizerType);

        var other = Mlp(seed: 42);
        Checkpoint.LoadWeights(other, path);
        AssertSameState(trainer.Model, other);
        // Only the checkpoint is left: the temp file was renamed over it.
        Assert.Equal(new[] { "model.ckpt" }, Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    [InlineData(0.001)]
    public void TruncatedCheckpoint_IsRejected_NamingTheFile(double keep)
    {
        var (path, _) = Saved();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.AsSpan(0, Math.Max(1, (int)(bytes.Length * keep))).ToArray());
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.LoadWeights(Mlp(seed: 1), path));
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void CorruptedByte_IsRejected_ByTheChecksum()
    {
        var (path, _) = Saved();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        var model = Mlp(seed: 1);
        var before = Snapshot(model, _ => true);
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.LoadWeights(model, path));
        Assert.Contains("corrupted", error.Message);
        Assert.Contains("SHA-256", error.Message);
        foreach (var (key, value) in before)
            Assert.True(model.state_dict()[key].eq(value).all().item<bool>(), "a rejected checkpoint changed the model");
    }

    [Fact]
    public void ResumeFromADamagedCheckpoint_FailsBeforeTraining()
    {
        var (path, _) = Saved();
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);
        using var train = Blobs(20, seed: 1);
        var error = Assert.Throws<CheckpointException>(() => new Trainer(Mlp(seed: 1), Options(4)).Fit(train, resumeFrom: path));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void NotACheckpoint_IsRejected()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "weights.dat");
        var model = Mlp(seed: 1);
        model.save(path); // TorchSharp's own weight format, not a checkpoint
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.ReadInfo(path));
        Assert.Contains("not a NetDsl checkpoint", error.Message);
        Assert.Throws<CheckpointException>(() => Checkpoint.ReadInfo(Path.Combine(TestPaths.NewTempFolder(), "missing.ckpt")));
    }

    [Fact]
    public void CheckpointOfAnotherArchitecture_SaysWhichKeysOrShapesDiffer()
    {
        var (path, _) = Saved();
        var wider = Mlp(seed: 1, hidden: 32);
        var error = Assert.Throws<CheckpointException>(() => Checkpoint.LoadWeights(wider, path));
        Assert.Contains("'features.0.weight' is Float32 [16, 2] in the checkpoint but Float32 [32, 2] in the model", error.Message);

        var different = nn.Sequential(("head", nn.Linear(2, 3)));
        error = Assert.Throws<CheckpointException>(() => Checkpoint.LoadWeights(different, path));
        Assert.Contains("the model has 'head.weight', 'head.bias' which the checkpoint lacks", error.Message);
    }

    [Fact]
    public void ResumeWithAnotherOptimizer_IsRejected()
    {
        var (path, _) = Saved();
        using var train = Blobs(20, seed: 1);
        var error = Assert.Throws<CheckpointException>(() =>
            new Trainer(Mlp(seed: 1), Options(3, Optimizers.Sgd(0.1))).Fit(train, resumeFrom: path));
        Assert.Contains("Adam", error.Message);
        Assert.Contains("SGD", error.Message);
    }
}
