namespace NetDsl.Runtime.Training;

/// <summary>Whether a monitored value improves by going down or up.</summary>
public enum MonitorMode
{
    /// <summary>
    /// As the fit's metric of that name says (<see cref="IMetric.HigherIsBetter"/>: up for accuracy, precision, recall,
    /// F1); for other names up when they contain "acc" or start with "top" (after any "val_"), down otherwise (losses).
    /// </summary>
    Auto,
    Min,
    Max,
}
