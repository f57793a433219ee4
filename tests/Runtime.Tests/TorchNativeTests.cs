using System;
using System.IO;
using System.Linq;
using System.Threading;
using NetDsl.Runtime.Native;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests;

public sealed class TorchNativeTests
{
    [Fact]
    public void EnsureLoaded_ThenConv2dForward_ComputesRealValues()
    {
        TorchNative.EnsureLoaded();

        using var input = ones(1, 3, 8, 8);
        using var weight = ones(4, 3, 3, 3);
        using var bias = tensor(new float[] { 0f, 1f, 2f, 3f });
        using var output = nn.functional.conv2d(input, weight, bias);

        Assert.Equal(new long[] { 1, 4, 6, 6 }, output.shape);
        // Every output pixel sums a 3x3x3 window of ones: 27, plus the channel's bias.
        for (var channel = 0; channel < 4; channel++)
            Assert.Equal(27f + channel, output[0, channel, 2, 3].item<float>());
    }

    [Fact]
    public void EnsureLoaded_FromManyThreadsAtOnceAndAgain_LoadsOnce()
    {
        const int threads = 8;
        using var start = new Barrier(threads);
        var errors = new Exception?[threads];
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                TorchNative.EnsureLoaded();
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        var prepared = TorchNative.Prepared;

        TorchNative.EnsureLoaded();

        Assert.All(errors, Assert.Null);
        Assert.NotNull(prepared);
        Assert.Same(prepared, TorchNative.Prepared);
        Assert.Equal(4.0f, ones(2, 2).sum().item<float>());
    }

    [Fact]
    public void EnsureLoaded_MakesTorchSharpUseThePreparedFile_AndLeavesTheOriginalAlone()
    {
        var originalBytes = File.ReadAllBytes(TestPaths.LibTorchSharp);

        TorchNative.EnsureLoaded();
        using (var t = ones(3))
            Assert.Equal(3f, t.sum().item<float>());

        var prepared = TorchNative.Prepared!;
        var mapped = File.ReadAllLines("/proc/self/maps")
            .Where(line => line.Contains("libLibTorchSharp.so", StringComparison.Ordinal))
            .Select(line => line[line.IndexOf('/')..].Trim())
            .Distinct()
            .ToList();
        Assert.Equal(new[] { prepared.PathToLoad }, mapped);
        if (prepared.PatchedCopy is not null)
            Assert.StartsWith(TestPaths.NativeCache, prepared.PathToLoad);
        Assert.Equal(originalBytes, File.ReadAllBytes(TestPaths.LibTorchSharp));

        // TorchSharp's own fallback (copying every native binary into a "cpu" folder) must not have been needed.
        var torchSharpFolder = Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location)!;
        Assert.False(Directory.Exists(Path.Combine(torchSharpFolder, "cpu")));
    }
}
