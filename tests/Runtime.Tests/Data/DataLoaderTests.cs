using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Tests.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Data;

[Collection(TorchRngCollection.Name)]
public sealed class DataLoaderTests
{
    private static TensorDataset Numbers(int count)
    {
        TorchNative.EnsureLoaded();
        return new TensorDataset(arange(count, float32).reshape(count, 1), arange(count, int64));
    }

    private static long[] Epoch(DataLoader loader, int epoch)
    {
        loader.Epoch = epoch;
        var seen = new List<long>();
        foreach (var batch in loader)
        {
            using (batch)
            {
                Assert.Equal(batch.Targets.data<long>().ToArray(), batch.Inputs.reshape(-1).to(int64).data<long>().ToArray());
                seen.AddRange(batch.Targets.data<long>().ToArray());
            }
        }
        return seen.ToArray();
    }

    [Fact]
    public void Shuffle_IsAPermutation_FixedBySeedAndEpoch()
    {
        using var data = Numbers(103);
        var loader = new DataLoader(data, batchSize: 10, shuffle: true, seed: 7);
        var first = Epoch(loader, 1);
        Assert.Equal(Enumerable.Range(0, 103).Select(i => (long)i), first.Order());
        Assert.NotEqual(Enumerable.Range(0, 103).Select(i => (long)i), first);
        Assert.Equal(first, Epoch(new DataLoader(data, batchSize: 10, shuffle: true, seed: 7), 1));
        Assert.NotEqual(first, Epoch(loader, 2));
        Assert.NotEqual(first, Epoch(new DataLoader(data, batchSize: 10, shuffle: true, seed: 8), 1));
        Assert.Equal(11, loader.BatchesPerEpoch);
    }

    [Fact]
    public void LastPartialBatch_IsKept_OrDropped()
    {
        using var data = Numbers(25);
        var sizes = new DataLoader(data, batchSize: 10).Select(b => { using (b) return b.Count; }).ToArray();
        Assert.Equal(new long[] { 10, 10, 5 }, sizes);
        var dropped = new DataLoader(data, batchSize: 10, dropLast: true);
        Assert.Equal(2, dropped.BatchesPerEpoch);
        Assert.Equal(20, dropped.SamplesPerEpoch);
        Assert.Equal(20, Epoch(dropped, 1).Length);
    }

    [Fact]
    public void Transform_RunsOnEachBatch()
    {
        using var data = Numbers(4);
        var loader = new DataLoader(data, batchSize: 4, transform: x => x + 100);
        using var batch = loader.First();
        Assert.Equal(new[] { 100f, 101f, 102f, 103f }, batch.Inputs.reshape(-1).data<float>().ToArray());
    }

    [Fact]
    public void ReadAhead_DeliversTheSameBatches_AndStopsCleanlyWhenAbandoned()
    {
        TorchNative.EnsureLoaded();
        var files = new FakeFileDataset(50);
        var ahead = new DataLoader(files, batchSize: 8, shuffle: true, seed: 3, prefetch: 3);
        var inline = new DataLoader(files, batchSize: 8, shuffle: true, seed: 3, prefetch: 0);
        Assert.Equal(Epoch(inline, 1), Epoch(ahead, 1));
        Assert.True(files.ReadThreads.Any(id => id != Environment.CurrentManagedThreadId), "nothing was read on another thread");

        foreach (var batch in ahead)
        {
            batch.Dispose();
            break; // the producer is cancelled and joined by the enumerator's Dispose
        }
    }

    [Fact]
    public void Split_IsDisjointAndComplete_AndSeeded()
    {
        using var data = Numbers(100);
        var (a, b) = data.Split(80, seed: 1);
        Assert.Equal(80, a.Count);
        Assert.Equal(20, b.Count);
        var left = Epoch(new DataLoader(a, 100), 1);
        var right = Epoch(new DataLoader(b, 100), 1);
        Assert.Empty(left.Intersect(right));
        Assert.Equal(100, left.Union(right).Count());
        Assert.Equal(right, Epoch(new DataLoader(data.Split(80, seed: 1).Second, 100), 1));
        Assert.NotEqual(right, Epoch(new DataLoader(data.Split(80, seed: 2).Second, 100), 1));
    }

    [Fact]
    public void BadArguments_AreClearErrors()
    {
        TorchNative.EnsureLoaded();
        var error = Assert.Throws<ArgumentException>(() => new TensorDataset(zeros(3, 2), zeros(4)));
        Assert.Contains("3 inputs but 4 targets", error.Message);
        using var data = Numbers(5);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(data, batchSize: 0));
        Assert.Contains("the dataset has 5 samples", Assert.Throws<ArgumentOutOfRangeException>(() => data.GetBatch(new long[] { 5 })).Message);
    }

    /// <summary>A "file" dataset: ReadSamples is torch-free and records the thread it ran on.</summary>
    private sealed class FakeFileDataset : IDataset
    {
        public FakeFileDataset(int count) => Count = count;

        public long Count { get; }

        public IReadOnlyList<string>? Classes => null;

        public HashSet<int> ReadThreads { get; } = new();

        public bool ReadsAhead => true;

        public Batch GetBatch(IReadOnlyList<long> indices) => ReadSamples(indices).ToBatch();

        public SampleBlock ReadSamples(IReadOnlyList<long> indices)
        {
            lock (ReadThreads)
                ReadThreads.Add(Environment.CurrentManagedThreadId);
            return new SampleBlock(indices.Select(i => (float)i).ToArray(), new long[] { 1 }, indices.ToArray());
        }
    }
}
