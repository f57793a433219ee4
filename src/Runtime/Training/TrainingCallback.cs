using NetDsl.Runtime.Reporting;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Hooks into <c>Trainer.Fit</c>. Callbacks run in the order given, on the training thread. To survive a resume, a
/// callback should derive its state from <see cref="TrainingContext.History"/> (which a checkpoint carries) rather
/// than keep its own.
/// </summary>
public abstract class TrainingCallback
{
    public virtual void OnFitStart(TrainingContext context)
    {
    }

    /// <summary>Before epoch <paramref name="epoch"/> (1-based) trains.</summary>
    public virtual void OnEpochStart(TrainingContext context, int epoch)
    {
    }

    /// <summary>After the epoch's validation, once its record is in the history.</summary>
    public virtual void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
    }

    public virtual void OnFitEnd(TrainingContext context)
    {
    }
}
