using System;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Ends the fit when the monitored value has not improved (by more than <c>minDelta</c>) for <see cref="Patience"/>
/// epochs. Its count comes from the history, so it carries over a resume.
/// </summary>
public sealed class EarlyStopping : TrainingCallback
{
    private readonly Monitor _monitor;

    public EarlyStopping(string monitor = "val_loss", int patience = 5, MonitorMode mode = MonitorMode.Auto, double minDelta = 0)
    {
        if (patience < 1)
            throw new ArgumentOutOfRangeException(nameof(patience), "patience is at least 1 epoch");
        _monitor = new Monitor(monitor, mode, minDelta);
        Patience = patience;
    }

    public int Patience { get; }

    /// <summary>The epoch after which the fit was stopped (0 if it was not).</summary>
    public int StoppedEpoch { get; private set; }

    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        var best = _monitor.Best(context.History.Epochs);
        if (best.Epoch == 0 || record.Epoch - best.Epoch < Patience)
            return;
        StoppedEpoch = record.Epoch;
        context.RequestStop($"early stopping: {_monitor.Name} has not improved for {record.Epoch - best.Epoch} epochs (best {Monitor.Format(best.Value)} at epoch {best.Epoch})");
    }
}
