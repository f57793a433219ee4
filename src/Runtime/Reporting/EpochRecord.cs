using System;
using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// What one epoch measured: <c>loss</c> and the metrics on the training data, the same with a <c>val_</c> prefix on
/// the validation data, <c>lr</c> (the first parameter group's learning rate during the epoch), <c>seconds</c> and
/// <c>samples_per_second</c>.
/// </summary>
public sealed class EpochRecord
{
    private readonly Dictionary<string, double> _values;

    public EpochRecord(int epoch, IReadOnlyDictionary<string, double> values)
    {
        Epoch = epoch;
        _values = new Dictionary<string, double>(values, StringComparer.Ordinal);
        Names = values.Keys.ToArray();
    }

    /// <summary>1-based.</summary>
    public int Epoch { get; }

    /// <summary>The recorded names, in recording order.</summary>
    public IReadOnlyList<string> Names { get; }

    public IReadOnlyDictionary<string, double> Values => _values;

    /// <exception cref="KeyNotFoundException">The name was not recorded; the message lists those that were.</exception>
    public double this[string name] => _values.TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"'{name}' was not recorded in epoch {Epoch}; recorded: {string.Join(", ", Names)}");

    public bool TryGet(string name, out double value) => _values.TryGetValue(name, out value);

    public override string ToString() =>
        $"epoch {Epoch}: " + string.Join("  ", Names.Select(n => $"{n} {Format(n, _values[n])}"));

    internal static string Format(string name, double value) => name switch
    {
        "lr" => value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
        "seconds" => value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture),
        "samples_per_second" => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString("F4", System.Globalization.CultureInfo.InvariantCulture),
    };
}
