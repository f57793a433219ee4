namespace NetDsl.Runtime.Weights;

/// <summary>
/// A strict load found weights that do not fit the model. <see cref="Report"/> lists every missing key, unexpected
/// key, shape mismatch and dtype mismatch at once; the model was left exactly as it was.
/// </summary>
public sealed class WeightMismatchException : WeightException
{
    public WeightMismatchException(WeightLoadReport report)
        : base("The weights do not match the model; nothing was loaded.\n" + report.Describe() +
               "\nLoad with Strict = false to load the matching part, or map keys with StripPrefixes/AddPrefix/Rename.")
    {
        Report = report;
    }

    /// <summary>Everything that did not match, and what would have loaded.</summary>
    public WeightLoadReport Report { get; }
}
