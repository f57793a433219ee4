using NetDsl.Runtime.Reporting;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Hooks into <c>Trainer.Fit</c>. Callbacks run in the order given, on the training thread. To survive a resume, a
/// callback should derive its state from <see cref="TrainingContext.History"/> (which a checkpoint carries) rather
/// than keep its own. The batch hooks run for every training batch (not for validation), so keep them cheap.
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

    /// <summary>Before training batch <paramref name="step"/> (1-based within the epoch) runs.</summary>
    public virtual void OnBatchStart(TrainingContext context, int epoch, long step)
    {
    }

    /// <summary>After a training batch: its loss and whether the optimizer stepped. <see cref="TrainingContext.RequestStop"/> ends the fit after this batch.</summary>
    public virtual void OnBatchEnd(TrainingContext context, BatchRecord batch)
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
