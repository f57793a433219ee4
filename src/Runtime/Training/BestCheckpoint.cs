using System.Linq;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Saves a full checkpoint (see <see cref="Trainer.SaveCheckpoint"/>) whenever the monitored value beats every
/// earlier epoch's, and only then; the file therefore always holds the best model so far.
/// </summary>
public sealed class BestCheckpoint : TrainingCallback
{
    private readonly Monitor _monitor;

    public BestCheckpoint(string path, string monitor = "val_accuracy", MonitorMode mode = MonitorMode.Auto, double minDelta = 0)
    {
        Path = path;
        _monitor = new Monitor(monitor, mode, minDelta);
    }

    public string Path { get; }

    /// <summary>The epoch whose model the file holds (0 before the first save).</summary>
    public int SavedEpoch { get; private set; }

    public override void OnFitStart(TrainingContext context) => _monitor.Resolve(context.Trainer.Options.Metrics);

    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        var value = _monitor.Value(record);
        var earlier = _monitor.Best(context.History.Epochs.Where(e => e.Epoch < record.Epoch));
        if (double.IsNaN(value) || !_monitor.Improves(value, earlier.Value))
            return;
        context.Trainer.SaveCheckpoint(Path);
        SavedEpoch = record.Epoch;
        context.Log(double.IsNaN(earlier.Value)
            ? $"epoch {record.Epoch}: {_monitor.Name} {Monitor.Format(value)}, saved {Path}"
            : $"epoch {record.Epoch}: {_monitor.Name} improved {Monitor.Format(earlier.Value)} -> {Monitor.Format(value)}, saved {Path}");
    }
}
