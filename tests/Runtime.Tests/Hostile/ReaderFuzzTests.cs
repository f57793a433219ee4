using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Tests.Data;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using SkiaSharp;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.FuzzTests;
using static NetDsl.Runtime.Tests.Weights.WeightTestSupport;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Hostile;

/// <summary>
/// Bounded fuzzing with fixed seeds for the readers outside weight files (those are in FuzzTests): mutated
/// checkpoints (re-signed, so the damage reaches the section parsers instead of stopping at the SHA-256), IDX files
/// raw and gzipped, and PNG and JPEG images either read or throw their reader's exception, nothing else; a failed
/// checkpoint load or resume changes nothing. Each run stops at its count or its time budget.
/// </summary>
[Collection(TorchRngCollection.Name)]
public sealed class ReaderFuzzTests
{
    private const int Iterations = 300;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    [Fact]
    public void MutatedCheckpoints_LoadOrThrowOnlyCheckpointException_AndFailuresChangeNothing()
    {
        var original = CheckpointCases.Saved();
        var file = File.ReadAllBytes(original);
        var payload = file[20..^32];
        var path = Path.Combine(Path.GetDirectoryName(original)!, "mutated.ckpt");
        var random = new Random(2024);
        var clock = Stopwatch.StartNew();
        var (model, options) = CheckpointCases.Trainer("adam", epochs: 1);   // a resume of epoch 1 trains nothing more
        var trainer = new Trainer(model, options);
        var data = CheckpointCases.Data();
        var loaded = 0;
        for (var i = 0; i < Iterations && clock.Elapsed < Budget; i++)
        {
            // Half the time the payload is re-signed (a crafted file), else the whole file is damaged (a broken disk).
            if (i % 2 == 0)
                CheckpointCases.Sign(path, Mutate(payload, random));
            else
                File.WriteAllBytes(path, Mutate(file, random));
            using var scope = NewDisposeScope();
            var before = Snapshot(model);
            var error = Record.Exception(() => Checkpoint.LoadWeights(model, path));
            if (error is null)
            {
                // Loaded for inference; a resume from it must then also keep the model on failure.
                before = Snapshot(model);
                error = Record.Exception(() => trainer.Fit(data, resumeFrom: path));
            }
            if (error is null)
            {
                loaded++;
                continue;
            }
            Assert.True(error is CheckpointException, $"iteration {i}: {error.GetType().Name}: {error.Message}");
            Assert.True(SameState(model, before), $"iteration {i}: a failed load changed the model ({error.Message})");
        }
        Assert.True(loaded > 0); // mutations of history values, say, still load
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MutatedIdxFiles_ReadOrThrowOnlyDataFormatException(bool gzip)
    {
        TorchNative.EnsureLoaded();
        var folder = TestPaths.NewTempFolder();
        var bytes = File.ReadAllBytes(DataFiles.Idx(folder, "original", new[] { 6, 5, 4 }, DataFiles.Pixels(6, 5, 4), gzip));
        var path = Path.Combine(folder, "mutated");
        var random = new Random(gzip ? 11 : 12);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Iterations && clock.Elapsed < Budget; i++)
        {
            File.WriteAllBytes(path, Mutate(bytes, random));
            var error = Record.Exception(() =>
            {
                using var tensor = IdxReader.Read(path).ToTensor();
            });
            Assert.True(error is null or DataFormatException, $"iteration {i}: {error?.GetType().Name}: {error?.Message}");
        }
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    public void MutatedImages_DecodeOrThrowOnlyDataFormatException(string format)
    {
        TorchNative.EnsureLoaded();
        var folder = TestPaths.NewTempFolder();
        var original = Path.Combine(folder, "original." + format);
        using (var bitmap = new SKBitmap(12, 9))
        {
            var noise = new Random(3);
            for (var y = 0; y < 9; y++)
                for (var x = 0; x < 12; x++)
                    bitmap.SetPixel(x, y, new SKColor((byte)noise.Next(256), (byte)noise.Next(256), (byte)noise.Next(256)));
            using var encoded = SKImage.FromBitmap(bitmap).Encode(format == "png" ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, 90);
            File.WriteAllBytes(original, encoded.ToArray());
        }
        var bytes = File.ReadAllBytes(original);
        var path = Path.Combine(folder, "mutated." + format);
        var random = new Random(format.Length * 7);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Iterations && clock.Elapsed < Budget; i++)
        {
            File.WriteAllBytes(path, Mutate(bytes, random));
            var error = Record.Exception(() =>
            {
                using var tensor = ImageFile.Load(path, channels: 1 + 2 * (i % 2));
            });
            Assert.True(error is null or DataFormatException, $"iteration {i}: {error?.GetType().Name}: {error?.Message}");
        }
    }
}
