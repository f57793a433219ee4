using System;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Saves a full checkpoint every <c>every</c> epochs (and after the last one), overwriting the previous: the file to
/// resume from after an interruption (<c>Fit(..., resumeFrom: path)</c>).
/// </summary>
public sealed class LastCheckpoint : TrainingCallback
{
    private readonly int _every;

    public LastCheckpoint(string path, int every = 1)
    {
        if (every < 1)
            throw new ArgumentOutOfRangeException(nameof(every), "every is at least 1 epoch");
        Path = path;
        _every = every;
    }

    public string Path { get; }

    public override void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        if (record.Epoch % _every == 0 || record.Epoch == context.Epochs || context.StopRequested)
            context.Trainer.SaveCheckpoint(Path);
    }
}
