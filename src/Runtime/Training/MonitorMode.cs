namespace NetDsl.Runtime.Training;

/// <summary>Whether a monitored value improves by going down or up.</summary>
public enum MonitorMode
{
    /// <summary>Up for names containing "acc" or starting with "top" (after any "val_"), down otherwise (losses).</summary>
    Auto,
    Min,
    Max,
}
