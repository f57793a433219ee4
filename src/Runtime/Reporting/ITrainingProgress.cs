using System;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Shows training as it happens. <see cref="Run"/> wraps the whole fit (a live display lives that long); the other
/// calls come from inside it, on the training thread.
/// </summary>
public interface ITrainingProgress
{
    void Run(Action fit);

    void EpochStarted(int epoch, int epochs, long steps);

    void StepCompleted(in StepProgress progress);

    void EpochCompleted(EpochRecord record, int epochs);

    /// <summary>A note from the trainer or a callback ("saved best checkpoint ...", "early stopping ...").</summary>
    void Message(string text);
}
