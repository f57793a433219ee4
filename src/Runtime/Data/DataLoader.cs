using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using TorchSharp;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Hands out a dataset as mini-batches, one epoch per enumeration. With <see cref="Shuffle"/> the order is a
/// permutation that depends only on (seed, epoch), so runs and resumed runs see the same batches. For datasets read
/// from files (<see cref="IDataset.ReadsAhead"/>) up to <see cref="Prefetch"/> batches are read and decoded ahead on
/// a background thread, which never calls torch; tensors are made, and the <see cref="Transform"/> applied, on the
/// consuming thread, so random augmentations draw from torch's generator in a fixed order and only one OpenMP team
/// exists. In-memory datasets are batched on the consuming thread (a gather; nothing to hide). Each batch belongs to
/// the consumer, who disposes it. An error while reading (a bad file, say) is rethrown to the consumer unchanged.
/// </summary>
public sealed class DataLoader : IEnumerable<Batch>
{
    public DataLoader(IDataset dataset, int batchSize, bool shuffle = false, long seed = 0, bool dropLast = false,
        int prefetch = 2, Func<torch.Tensor, torch.Tensor>? transform = null, BatchTransform? batchTransform = null)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"the batch size must be positive, not {batchSize}");
        if (prefetch < 0)
            throw new ArgumentOutOfRangeException(nameof(prefetch), "prefetch cannot be negative");
        Dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        if (dataset.Count == 0)
            throw new ArgumentException("the dataset has no samples", nameof(dataset));
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        Prefetch = prefetch;
        Transform = transform;
        BatchTransform = batchTransform;
    }

    public IDataset Dataset { get; }

    public int BatchSize { get; }

    public bool Shuffle { get; }

    public long Seed { get; }

    /// <summary>Skip the last batch when it is smaller than <see cref="BatchSize"/>.</summary>
    public bool DropLast { get; }

    /// <summary>How many batches a file-backed dataset reads ahead on a background thread (0: none).</summary>
    public int Prefetch { get; }

    /// <summary>Applied to each batch's inputs on the consuming thread (augmentation, normalisation).</summary>
    public Func<torch.Tensor, torch.Tensor>? Transform { get; }

    /// <summary>Applied to each whole batch after <see cref="Transform"/> (mixup, cutmix).</summary>
    public BatchTransform? BatchTransform { get; }

    /// <summary>The epoch whose order the next enumeration uses (set by the trainer; 1 for the first epoch).</summary>
    public int Epoch { get; set; } = 1;

    /// <summary>Batches per epoch.</summary>
    public long BatchesPerEpoch => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>Samples per epoch (fewer than the dataset's when the last partial batch is dropped).</summary>
    public long SamplesPerEpoch => DropLast ? BatchesPerEpoch * BatchSize : Dataset.Count;

    /// <summary>The sample order of an epoch.</summary>
    public long[] Order(int epoch)
    {
        if (Shuffle)
            return Shuffling.Permutation(Dataset.Count, Seed, epoch);
        var order = new long[Dataset.Count];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        return order;
    }

    public IEnumerator<Batch> GetEnumerator()
    {
        TorchNative.EnsureLoaded();
        var order = Order(Epoch);
        var batches = BatchesPerEpoch;
        return Prefetch > 0 && Dataset.ReadsAhead ? new PrefetchingEnumerator(this, order, batches) : Inline(order, batches);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<Batch> Inline(long[] order, long batches)
    {
        for (long b = 0; b < batches; b++)
            yield return Finish(Build(order, b));
    }

    private Batch Build(long[] order, long batchIndex) => Dataset.GetBatch(Indices(order, batchIndex));

    private long[] Indices(long[] order, long batchIndex)
    {
        var start = batchIndex * BatchSize;
        var count = (int)Math.Min(BatchSize, order.LongLength - start);
        var indices = new long[count];
        Array.Copy(order, start, indices, 0, count);
        return indices;
    }

    private Batch Finish(Batch batch)
    {
        if (Transform is null && BatchTransform is null)
            return batch;
        try
        {
            if (Transform is not null)
                Replace(batch, Transform(batch.Inputs), batch.Targets);
            if (BatchTransform is not null)
            {
                var (inputs, targets) = BatchTransform(batch.Inputs, batch.Targets);
                Replace(batch, inputs, targets);
            }
            return batch;
        }
        catch
        {
            batch.Dispose();
            throw;
        }
    }

    // The batch owns its tensors: one a transform replaced is freed, the new one leaves any dispose scope.
    private static void Replace(Batch batch, torch.Tensor inputs, torch.Tensor targets)
    {
        if (!ReferenceEquals(inputs, batch.Inputs))
        {
            batch.Inputs.Dispose();
            batch.Inputs = inputs.DetachFromDisposeScope();
        }
        if (!ReferenceEquals(targets, batch.Targets))
        {
            batch.Targets.Dispose();
            batch.Targets = targets.DetachFromDisposeScope();
        }
    }

    private sealed class PrefetchingEnumerator : IEnumerator<Batch>
    {
        private readonly DataLoader _loader;
        private readonly BlockingCollection<SampleBlock> _ready;
        private readonly CancellationTokenSource _cancel = new();
        private readonly Task _producer;
        private ExceptionDispatchInfo? _error;

        public PrefetchingEnumerator(DataLoader loader, long[] order, long batches)
        {
            _loader = loader;
            _ready = new BlockingCollection<SampleBlock>(loader.Prefetch);
            _producer = Task.Factory.StartNew(() => Produce(order, batches), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public Batch Current { get; private set; } = null!;

        object IEnumerator.Current => Current;

        private void Produce(long[] order, long batches)
        {
            try
            {
                for (long b = 0; b < batches && !_cancel.IsCancellationRequested; b++)
                {
                    var block = _loader.Dataset.ReadSamples(_loader.Indices(order, b));
                    try
                    {
                        _ready.Add(block, _cancel.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
            catch (Exception e)
            {
                _error = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                _ready.CompleteAdding();
            }
        }

        public bool MoveNext()
        {
            if (_ready.TryTake(out var block, Timeout.Infinite))
            {
                Current = _loader.Finish(block.ToBatch());
                return true;
            }
            _error?.Throw();
            return false;
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
            _cancel.Cancel();
            try
            {
                _producer.Wait();
            }
            catch (AggregateException)
            {
                // The producer records its own errors; nothing else can surface here.
            }
            _ready.Dispose();
            _cancel.Dispose();
        }
    }
}
