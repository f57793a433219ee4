using NetDsl.Runtime.Reporting;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>What a callback can see and do during a fit.</summary>
public sealed class TrainingContext
{
    private readonly ITrainingProgress _progress;

    internal TrainingContext(Trainer trainer, int epochs, ITrainingProgress progress)
    {
        Trainer = trainer;
        Epochs = epochs;
        _progress = progress;
    }

    public Trainer Trainer { get; }

    public torch.nn.Module Model => Trainer.Model;

    public torch.optim.Optimizer Optimizer => Trainer.Optimizer;

    public TrainingHistory History => Trainer.History;

    /// <summary>The fit's total number of epochs.</summary>
    public int Epochs { get; }

    public bool StopRequested { get; private set; }

    public string? StopReason { get; private set; }

    /// <summary>Ends the fit: after the current batch when called from a batch hook (the epoch is then recorded as far as it went), else after the current epoch.</summary>
    public void RequestStop(string reason)
    {
        StopRequested = true;
        StopReason ??= reason;
    }

    /// <summary>Shows a line through the fit's progress display.</summary>
    public void Log(string message) => _progress.Message(message);
}
