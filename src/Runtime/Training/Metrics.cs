namespace NetDsl.Runtime.Training;

/// <summary>Shortcuts for the built-in metrics.</summary>
public static class Metrics
{
    public static IMetric Accuracy() => new Accuracy();

    public static IMetric TopK(int k) => new TopKAccuracy(k);

    /// <summary>Macro-averaged precision (<c>precision</c>), or one class's (<c>precision_class3</c>).</summary>
    public static IMetric Precision(int? ofClass = null) => new ClassificationScore(ClassScore.Precision, ofClass);

    /// <summary>Macro-averaged recall (<c>recall</c>), or one class's (<c>recall_class3</c>).</summary>
    public static IMetric Recall(int? ofClass = null) => new ClassificationScore(ClassScore.Recall, ofClass);

    /// <summary>Macro-averaged F1 (<c>f1</c>), or one class's (<c>f1_class3</c>).</summary>
    public static IMetric F1(int? ofClass = null) => new ClassificationScore(ClassScore.F1, ofClass);
}
