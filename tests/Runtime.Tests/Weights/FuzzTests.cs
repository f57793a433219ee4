using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Weights;
using NetDsl.Runtime.Weights.Pickle;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.WeightTestSupport;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Weights;

/// <summary>
/// Bounded fuzzing with fixed seeds: mutated files of every format and mutated pickles either load or throw a
/// WeightException (nothing else), and a failed load never changes the model. Each run stops at its count or its
/// time budget, whichever comes first.
/// </summary>
public sealed class FuzzTests
{
    private const int Iterations = 400;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Formats => new() { "pt", "safetensors", "dat", "h5" };

    [Theory]
    [MemberData(nameof(Formats))]
    public void MutatedFiles_LoadOrThrowOnlyWeightExceptions_AndFailuresChangeNothing(string extension)
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var original = Path.Combine(folder, "original." + extension);
        if (extension == "h5")
            WriteKeras(folder, original);
        else
            SmallNet(seed: 31).SaveWeights(original);
        var bytes = File.ReadAllBytes(original);
        var target = Path.Combine(folder, "mutated." + extension);
        var random = new Random(1000 + extension.Length);
        var model = extension == "h5" ? KerasNet() : SmallNet(seed: 32);
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < Iterations && clock.Elapsed < Budget; i++)
        {
            File.WriteAllBytes(target, Mutate(bytes, random));
            using var iteration = NewDisposeScope();
            var before = Snapshot(model);
            var options = new WeightLoadOptions { Strict = i % 2 == 0 };
            var error = Record.Exception(() => model.LoadWeights(target, options));
            if (error is null)
                continue;
            Assert.True(error is WeightException, $"iteration {i}: {error.GetType().Name}: {error.Message}");
            Assert.True(SameState(model, before), $"iteration {i}: a failed load changed the model ({error.Message})");
        }
    }

    [Fact]
    public void MutatedPickles_ParseOrThrowOnlyWeightFormatException()
    {
        var entries = Enumerable.Range(0, 12).Select(i => i % 2 == 0
            ? new PickleWriter.Entry($"layer{i}.weight", i.ToString(), ScalarType.Float32, 12, new long[] { 3, 4 })
            : new PickleWriter.Entry($"layer{i}.bias", i.ToString(), ScalarType.Int64, 6, new long[] { 2, 3 })).ToList();
        var pickle = PickleWriter.WriteStateDict(entries);
        var random = new Random(77);
        var clock = Stopwatch.StartNew();
        var parsed = 0;
        for (var i = 0; i < 20_000 && clock.Elapsed < Budget; i++)
        {
            var mutated = Mutate(pickle, random);
            var error = Record.Exception(() => new PickleReader(mutated, "fuzz", key => key.Length < 3 ? 48 : -1 /* every storage is 48 bytes */).Load());
            if (error is null)
                parsed++;
            else
                Assert.True(error is WeightFormatException, $"iteration {i}: {error.GetType().Name}: {error.Message}\n{Convert.ToHexString(mutated)}");
        }
        Assert.True(parsed > 0); // some mutations (in string contents, say) still parse
    }

    /// <summary>One random damage: a bit flip, a few random bytes, a cut, an extreme 32-bit value, a deleted or inserted run.</summary>
    internal static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(6))
        {
            case 0: // flip one bit
                var at = random.Next(bytes.Length);
                bytes[at] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1: // a few random bytes
                for (var k = random.Next(1, 4); k > 0; k--)
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 2: // truncate
                return bytes[..random.Next(bytes.Length)];
            case 3: // an extreme 32-bit value somewhere
                var where = random.Next(Math.Max(1, bytes.Length - 4));
                var extreme = new[] { 0u, 0xFFFFFFFFu, 0x7FFFFFFFu, 0x80000000u, 0x0000FFFFu }[random.Next(5)];
                BitConverter.GetBytes(extreme).CopyTo(bytes, Math.Min(where, bytes.Length - 4));
                return bytes;
            case 4: // delete a run
                var start = random.Next(bytes.Length);
                var length = Math.Min(random.Next(1, 16), bytes.Length - start);
                return bytes[..start].Concat(bytes[(start + length)..]).ToArray();
            default: // insert a run
                var insertAt = random.Next(bytes.Length);
                var extra = new byte[random.Next(1, 16)];
                random.NextBytes(extra);
                return bytes[..insertAt].Concat(extra).Concat(bytes[insertAt..]).ToArray();
        }
    }

    private static nn.Module<Tensor, Tensor> KerasNet() => nn.Sequential(("conv", nn.Conv2d(2, 3, 3)), ("bn", nn.BatchNorm2d(3)), ("dense", nn.Linear(4, 2)));

    private static void WriteKeras(string folder, string path)
    {
        var random = new Random(9);
        var written = KerasFiles.Write(folder, Path.GetFileName(path), new (string, KerasFiles.Weight[])[]
        {
            ("conv", new[] { KerasFiles.Random("kernel", random, 3, 3, 2, 3), KerasFiles.Random("bias", random, 3) }),
            ("bn", new[] { KerasFiles.Random("gamma", random, 3), KerasFiles.Random("beta", random, 3), KerasFiles.Random("moving_mean", random, 3), KerasFiles.Random("moving_variance", random, 3) }),
            ("dense", new[] { KerasFiles.Random("kernel", random, 4, 2), KerasFiles.Random("bias", random, 2) }),
        });
        Debug.Assert(written == path);
    }
}
