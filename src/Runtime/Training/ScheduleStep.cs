namespace NetDsl.Runtime.Training;

/// <summary>When the learning-rate scheduler advances.</summary>
public enum ScheduleStep
{
    /// <summary>After every epoch (StepLR, CosineAnnealingLR over epochs, ReduceLROnPlateau).</summary>
    Epoch,

    /// <summary>After every optimizer step (OneCycleLR, CyclicLR, warm-up).</summary>
    Batch,
}
