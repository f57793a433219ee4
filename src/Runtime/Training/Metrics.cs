namespace NetDsl.Runtime.Training;

/// <summary>Shortcuts for the built-in metrics.</summary>
public static class Metrics
{
    public static IMetric Accuracy() => new Accuracy();

    public static IMetric TopK(int k) => new TopKAccuracy(k);
}
