using System.Collections.Generic;
using System.Linq;
using System.Text;
using NetDsl.Runtime.Files;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// What a load matched and what it did not. A strict load that returns has nothing in the four problem lists; a
/// non-strict load returns the report of what it skipped.
/// </summary>
public sealed class WeightLoadReport
{
    internal WeightLoadReport(
        IReadOnlyList<string> loaded,
        IReadOnlyList<string> missing,
        IReadOnlyList<string> unexpected,
        IReadOnlyList<WeightMismatch> shapeMismatches,
        IReadOnlyList<WeightMismatch> dtypeMismatches,
        IReadOnlyList<string> untouchedCounters)
    {
        Loaded = loaded;
        Missing = missing;
        Unexpected = unexpected;
        ShapeMismatches = shapeMismatches;
        DTypeMismatches = dtypeMismatches;
        UntouchedCounters = untouchedCounters;
    }

    /// <summary>The model's keys that were (or, in a failed strict load, would have been) loaded.</summary>
    public IReadOnlyList<string> Loaded { get; }

    /// <summary>The model's keys the file has no tensor for.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>The file's keys (after mapping) the model has no tensor for.</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>Keys in both whose shapes differ (both shapes given).</summary>
    public IReadOnlyList<WeightMismatch> ShapeMismatches { get; }

    /// <summary>Keys in both with equal shapes but different dtypes.</summary>
    public IReadOnlyList<WeightMismatch> DTypeMismatches { get; }

    /// <summary>
    /// Batch-norm <c>num_batches_tracked</c> counters the file lacks (Keras files and old PyTorch files have none).
    /// They are left as they were and are not counted as missing.
    /// </summary>
    public IReadOnlyList<string> UntouchedCounters { get; }

    /// <summary>True when nothing is missing, unexpected or mismatched.</summary>
    public bool IsExactMatch => Missing.Count == 0 && Unexpected.Count == 0 && ShapeMismatches.Count == 0 && DTypeMismatches.Count == 0;

    /// <summary>A multi-line description: counts, then every problem, one per line.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append($"{Loaded.Count} matched, {Missing.Count} missing, {Unexpected.Count} unexpected, ")
            .Append($"{ShapeMismatches.Count} shape mismatches, {DTypeMismatches.Count} dtype mismatches.");
        AppendSection(text, "Missing in the file (the model has these keys)", Missing);
        AppendSection(text, "Unexpected in the file (the model has no such key)", Unexpected);
        AppendSection(text, "Shape mismatches", ShapeMismatches.Select(m => m.ToString()));
        AppendSection(text, "Dtype mismatches (set ConvertFloatingPoint to convert floating-point tensors)", DTypeMismatches.Select(m => m.ToString()));
        return text.ToString();
    }

    public override string ToString() => Describe();

    private static void AppendSection(StringBuilder text, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0)
            return;
        text.Append('\n').Append(title).Append(':');
        foreach (var line in list)
            text.Append("\n  ").Append(MessageText.EscapeAll(line));
    }
}
