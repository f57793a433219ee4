using System;
using System.IO;
using NetDsl.Runtime.Training;
using TorchSharp;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Writes the fit to TensorBoard event files through TorchSharp's <c>SummaryWriter</c>, laid out as Keras does so
/// that TensorBoard draws training and validation curves on one chart: every recorded value of each epoch as
/// <c>epoch_{name}</c> in <c>{logDirectory}/train</c>, the <c>val_</c> values under their bare name in
/// <c>{logDirectory}/validation</c>; with <c>batchEvery</c>, every n-th batch's loss as <c>batch_loss</c> at its
/// global step. View with <c>tensorboard --logdir {logDirectory}</c>.
/// </summary>
public sealed class TensorBoardLogger : TrainingCallback
{
    private readonly int _batchEvery;
    private TorchSharp.Modules.SummaryWriter? _train;
    private TorchSharp.Modules.SummaryWriter? _validation;

    /// <param name="logDirectory">The run's folder (created if needed); each fit adds its own event files.</param>
    /// <param name="batchEvery">Log the loss of every n-th training batch too (0: epochs only).</param>
    public TensorBoardLogger(string logDirectory, int batchEvery = 0)
    {
        if (string.IsNullOrWhiteSpace(logDirectory))
            throw new ArgumentException("name the folder for the event files", nameof(logDirectory));
        if (batchEvery < 0)
            throw new ArgumentOutOfRangeException(nameof(batchEvery), "batchEvery is a number of batches, 0 for none");
        LogDirectory = logDirectory;
        _batchEvery = batchEvery;
    }

    public string LogDirectory { get; }

    public override void OnFitStart(TrainingContext context)
    {
        _train = torch.utils.tensorboard.SummaryWriter(Path.Combine(LogDirectory, "train"));
        _validation = null;
    }

    public override void OnBatchEnd(TrainingContext context, BatchRecord batch)
    {
        if (_batchEvery > 0 && batch.GlobalStep % _batchEvery == 0)
            _train!.add_scalar("batch_loss", (float)batch.Loss, Step(batch.GlobalStep), Now());
    }

    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        var now = Now();
        foreach (var (name, value) in record.Values)
        {
            if (name.StartsWith("val_", StringComparison.Ordinal))
            {
                _validation ??= torch.utils.tensorboard.SummaryWriter(Path.Combine(LogDirectory, "validation"));
                _validation.add_scalar("epoch_" + name[4..], (float)value, record.Epoch, now);
            }
            else
            {
                _train!.add_scalar("epoch_" + name, (float)value, record.Epoch, now);
            }
        }
    }

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    // SummaryWriter takes an int step.
    private static int Step(long step) => (int)Math.Min(step, int.MaxValue);
}
