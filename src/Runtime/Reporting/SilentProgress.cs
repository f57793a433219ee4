using System;

namespace NetDsl.Runtime.Reporting;

/// <summary>Shows nothing (tests, embedding).</summary>
public sealed class SilentProgress : ITrainingProgress
{
    public void Run(Action fit) => fit();

    public void EpochStarted(int epoch, int epochs, long steps)
    {
    }

    public void StepCompleted(in StepProgress progress)
    {
    }

    public void EpochCompleted(EpochRecord record, int epochs)
    {
    }

    public void Message(string text)
    {
    }
}
