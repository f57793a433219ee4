using System;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Precision, recall or F1 over an epoch, from a <see cref="ConfusionMatrix"/> of its batches: the macro average
/// (named <c>precision</c>, <c>recall</c>, <c>f1</c>) or one class's (<c>f1_class3</c>). The number of classes is read
/// from the first batch's output. <see cref="Metrics"/> makes them.
/// </summary>
public sealed class ClassificationScore : IMetric
{
    private ConfusionMatrix? _matrix;

    /// <param name="score">Precision, recall or F1.</param>
    /// <param name="ofClass">One class's score; null for the macro average over the classes that occur.</param>
    public ClassificationScore(ClassScore score, int? ofClass = null)
    {
        if (ofClass < 0)
            throw new ArgumentOutOfRangeException(nameof(ofClass), $"classes are numbered from 0, not {ofClass}");
        Score = score;
        OfClass = ofClass;
    }

    public ClassScore Score { get; }

    public int? OfClass { get; }

    public string Name => (Score switch { ClassScore.Precision => "precision", ClassScore.Recall => "recall", _ => "f1" })
        + (OfClass is { } c ? $"_class{c}" : "");

    public bool HigherIsBetter => true;

    public void Reset() => _matrix?.Clear();

    public void Update(torch.Tensor output, torch.Tensor target) => Update(output, target, OutputKind.Logits);

    public void Update(torch.Tensor output, torch.Tensor target, OutputKind kind)
    {
        if (_matrix is null)
        {
            var classes = ClassPredictions.ClassesOf(output);
            if (OfClass >= classes)
                throw new ArgumentException($"{Name}: the model distinguishes {classes} classes, numbered 0 to {classes - 1}");
            _matrix = new ConfusionMatrix(classes);
        }
        _matrix.Add(output, target, kind);
    }

    public double Compute()
    {
        if (_matrix is null || _matrix.Total == 0)
            return double.NaN;
        return (Score, OfClass) switch
        {
            (ClassScore.Precision, { } c) => _matrix.Precision(c),
            (ClassScore.Recall, { } c) => _matrix.Recall(c),
            (ClassScore.F1, { } c) => _matrix.F1(c),
            (ClassScore.Precision, null) => _matrix.MacroPrecision,
            (ClassScore.Recall, null) => _matrix.MacroRecall,
            _ => _matrix.MacroF1,
        };
    }
}
