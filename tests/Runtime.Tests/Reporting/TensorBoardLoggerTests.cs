using System;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;

namespace NetDsl.Runtime.Tests.Reporting;

[Collection(TorchRngCollection.Name)]
public sealed class TensorBoardLoggerTests
{
    [Fact]
    public void Crc32C_IsTheCastagnoliChecksum()
    {
        // RFC 3720's check value of CRC-32C: "123456789" gives e3069283; the mask rotates and adds a constant.
        var crc = ~"123456789"u8.ToArray().Aggregate(0xFFFFFFFFu, (c, b) => System.Numerics.BitOperations.Crc32C(c, b));
        Assert.Equal(0xE3069283u, crc);
        Assert.Equal(((crc >> 15) | (crc << 17)) + 0xA282EAD8u, TfEventFile.MaskedCrc32C("123456789"u8));
    }

    [Fact]
    public void EventFiles_HoldEveryEpochsValues_TrainAndValidationApart_AndTheBatchLosses()
    {
        using var train = Blobs(20, seed: 1);      // 60 samples: 2 batches of 32 per epoch
        using var validation = Blobs(10, seed: 2);
        var folder = TestPaths.NewTempFolder();
        var logger = new TensorBoardLogger(folder, batchEvery: 1);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var history = new Trainer(Mlp(seed: 1), Options(3, null, logger)).Fit(train, validation);

        var trainEvents = TfEventFile.Read(Directory.GetFiles(Path.Combine(folder, "train")).Single());
        var validationEvents = TfEventFile.Read(Directory.GetFiles(Path.Combine(folder, "validation")).Single());
        Assert.Equal("brain.Event:2", trainEvents[0].FileVersion);
        Assert.Equal("brain.Event:2", validationEvents[0].FileVersion);

        float[] Series(System.Collections.Generic.IReadOnlyList<TfEvent> events, string tag, out long[] steps)
        {
            var matching = events.Where(e => e.Scalars.Any(s => s.Tag == tag)).ToArray();
            steps = matching.Select(e => e.Step).ToArray();
            return matching.Select(e => e.Scalars.Single(s => s.Tag == tag).Value).ToArray();
        }

        foreach (var name in new[] { "loss", "accuracy", "lr", "seconds" })
        {
            Assert.Equal(history.Series(name).Select(v => (float)v), Series(trainEvents, "epoch_" + name, out var steps));
            Assert.Equal(new long[] { 1, 2, 3 }, steps);
        }
        foreach (var name in new[] { "loss", "accuracy" })
            Assert.Equal(history.Series("val_" + name).Select(v => (float)v), Series(validationEvents, "epoch_" + name, out _));
        Assert.DoesNotContain(trainEvents.SelectMany(e => e.Scalars), s => s.Tag.StartsWith("epoch_val_", StringComparison.Ordinal));

        var batchLosses = Series(trainEvents, "batch_loss", out var batchSteps);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, batchSteps);
        Assert.All(batchLosses, l => Assert.True(float.IsFinite(l) && l > 0));
        // Scalar events carry Unix seconds.
        Assert.All(trainEvents.Skip(1), e => Assert.InRange(e.WallTime, before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1));
    }

    [Fact]
    public void ACorruptedRecord_IsCaughtByTheReader()
    {
        using var train = Blobs(5, seed: 1);
        var folder = TestPaths.NewTempFolder();
        new Trainer(Mlp(seed: 1), Options(1, null, new TensorBoardLogger(folder))).Fit(train);
        var file = Directory.GetFiles(Path.Combine(folder, "train")).Single();
        var bytes = File.ReadAllBytes(file);
        bytes[^6] ^= 0x40; // inside the last record's data
        File.WriteAllBytes(file, bytes);
        var error = Assert.Throws<InvalidDataException>(() => TfEventFile.Read(file));
        Assert.Contains("data CRC", error.Message);
    }
}
