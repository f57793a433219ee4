using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Reporting;

namespace NetDsl.Runtime.Training;

/// <summary>A recorded value that callbacks watch, and what counts as better. Derived from the history alone.</summary>
internal sealed class Monitor
{
    public Monitor(string name, MonitorMode mode, double minDelta)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("name the recorded value to monitor, e.g. \"val_accuracy\"", nameof(name));
        if (minDelta < 0)
            throw new ArgumentOutOfRangeException(nameof(minDelta), "minDelta cannot be negative");
        Name = name;
        _auto = mode == MonitorMode.Auto;
        HigherIsBetter = mode switch
        {
            MonitorMode.Max => true,
            MonitorMode.Min => false,
            _ => Bare.Contains("acc", StringComparison.OrdinalIgnoreCase) || Bare.StartsWith("top", StringComparison.Ordinal),
        };
        MinDelta = minDelta;
    }

    private readonly bool _auto;

    private string Bare => Name.StartsWith("val_", StringComparison.Ordinal) ? Name[4..] : Name;

    /// <summary>In <see cref="MonitorMode.Auto"/>, a metric of the fit with the monitored name says which way is better.</summary>
    public void Resolve(IEnumerable<IMetric> metrics)
    {
        if (_auto && metrics.FirstOrDefault(m => m.Name == Bare) is { } metric)
            HigherIsBetter = metric.HigherIsBetter;
    }

    public string Name { get; }

    public bool HigherIsBetter { get; private set; }

    public double MinDelta { get; }

    public double Value(EpochRecord record)
    {
        if (!record.TryGet(Name, out var value))
            throw new InvalidOperationException(
                $"cannot monitor '{Name}': epoch {record.Epoch} recorded only {string.Join(", ", record.Names)}" +
                (Name.StartsWith("val_", StringComparison.Ordinal) ? " (validation values need validation data in Fit)" : ""));
        return value;
    }

    public bool Improves(double candidate, double best) =>
        double.IsNaN(best) || (HigherIsBetter ? candidate > best + MinDelta : candidate < best - MinDelta);

    /// <summary>The epoch with the best value among <paramref name="epochs"/> (earliest on ties), and that value.</summary>
    public (int Epoch, double Value) Best(IEnumerable<EpochRecord> epochs)
    {
        var best = (Epoch: 0, Value: double.NaN);
        foreach (var record in epochs)
        {
            var value = Value(record);
            if (!double.IsNaN(value) && Improves(value, best.Value))
                best = (record.Epoch, value);
        }
        return best;
    }

    public static string Format(double value) => value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
}
