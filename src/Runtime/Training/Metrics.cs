namespace NetDsl.Runtime.Training;

/// <summary>Shortcuts for the built-in metrics.</summary>
public static class Metrics
{
    public static IMetric Accuracy() => new Accuracy();

    public static IMetric TopK(int k) => new TopKAccuracy(k);

    /// <summary>
    /// For sequence models (outputs <c>[N, t, vocabulary]</c>, targets <c>[N, t]</c>): the fraction of counted positions
    /// predicted right (<c>token_accuracy</c>); targets equal to <paramref name="ignoreIndex"/> are not counted.
    /// </summary>
    public static IMetric TokenAccuracy(long ignoreIndex = Data.SequenceDataset.IgnoreIndex) => new TokenAccuracy(ignoreIndex);

    /// <summary>
    /// For sequence models: the fraction of sequences whose every counted position is predicted right
    /// (<c>exact_match</c>: the whole answer; the same number greedy generation gives, see <see cref="Training.ExactMatch"/>).
    /// </summary>
    public static IMetric ExactMatch(long ignoreIndex = Data.SequenceDataset.IgnoreIndex) => new ExactMatch(ignoreIndex);

    /// <summary>Macro-averaged precision (<c>precision</c>), or one class's (<c>precision_class3</c>).</summary>
    public static IMetric Precision(int? ofClass = null) => new ClassificationScore(ClassScore.Precision, ofClass);

    /// <summary>Macro-averaged recall (<c>recall</c>), or one class's (<c>recall_class3</c>).</summary>
    public static IMetric Recall(int? ofClass = null) => new ClassificationScore(ClassScore.Recall, ofClass);

    /// <summary>Macro-averaged F1 (<c>f1</c>), or one class's (<c>f1_class3</c>).</summary>
    public static IMetric F1(int? ofClass = null) => new ClassificationScore(ClassScore.F1, ofClass);
}
