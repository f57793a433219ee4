using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;

namespace NetDsl.Runtime.Tests.Training;

[Collection(TorchRngCollection.Name)]
public sealed class BatchCallbackTests
{
    private sealed class Recorder : TrainingCallback
    {
        public List<(int Epoch, long Step)> Starts { get; } = new();
        public List<BatchRecord> Ends { get; } = new();
        public long? StopAfterGlobalStep { get; init; }

        public override void OnBatchStart(TrainingContext context, int epoch, long step) => Starts.Add((epoch, step));

        public override void OnBatchEnd(TrainingContext context, BatchRecord batch)
        {
            Ends.Add(batch);
            if (batch.GlobalStep == StopAfterGlobalStep)
                context.RequestStop("enough");
        }
    }

    [Fact]
    public void EveryTrainingBatch_IsSeenBeforeAndAfter_WithItsLossAndSize()
    {
        using var train = Blobs(30, seed: 1);      // 90 samples: batches of 32, 32, 26
        using var validation = Blobs(10, seed: 2); // validation batches are not reported
        var recorder = new Recorder();
        var history = new Trainer(Mlp(seed: 1), Options(2, null, recorder)).Fit(train, validation);

        Assert.Equal(new[] { (1, 1L), (1, 2L), (1, 3L), (2, 1L), (2, 2L), (2, 3L) }, recorder.Starts);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, recorder.Ends.Select(b => b.GlobalStep));
        Assert.Equal(new long[] { 32, 32, 26, 32, 32, 26 }, recorder.Ends.Select(b => b.Samples));
        Assert.All(recorder.Ends, b => Assert.True(b.OptimizerStepped));
        // The epoch's loss is the sample-weighted mean of its batches' losses.
        foreach (var epoch in new[] { 1, 2 })
        {
            var batches = recorder.Ends.Where(b => b.Epoch == epoch).ToArray();
            var mean = batches.Sum(b => b.Loss * b.Samples) / batches.Sum(b => b.Samples);
            Assert.Equal(history.Epochs[epoch - 1]["loss"], mean, 5);
        }
    }

    [Fact]
    public void RequestStop_InABatch_EndsTheFitAfterThatBatch_AndRecordsThePartialEpoch()
    {
        using var train = Blobs(30, seed: 1);
        var recorder = new Recorder { StopAfterGlobalStep = 5 };
        var history = new Trainer(Mlp(seed: 1), Options(4, null, recorder)).Fit(train);

        Assert.Equal(5, recorder.Ends.Count);
        Assert.Equal(2, history.Count);
        // Epoch 2 ran two batches of 32.
        Assert.Equal(64 / history.Last!["seconds"], history.Last!["samples_per_second"], 3);
    }
}
