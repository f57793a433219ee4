using System;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Where training stands after a step: running means over the epoch so far of the loss and of the first metric,
/// throughput, and the estimated time to the end of the fit.
/// </summary>
public readonly record struct StepProgress(
    int Epoch,
    int Epochs,
    long Step,
    long Steps,
    double Loss,
    string? MetricName,
    double Metric,
    double SamplesPerSecond,
    TimeSpan Remaining);
