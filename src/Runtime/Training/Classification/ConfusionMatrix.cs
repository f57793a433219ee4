using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Counts of (true class, predicted class) over a set of samples, and what follows from them: per-class precision,
/// recall and F1, their macro averages, accuracy, a report table and a PNG (<see cref="Reporting.ConfusionMatrixPlot"/>).
/// Rows are true classes, columns predicted ones. <c>Trainer.ConfusionMatrix(data)</c> builds one from a dataset.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] _counts;

    /// <param name="classes">The number of classes.</param>
    /// <param name="names">Class names by index (e.g. <c>FashionMnist.Classes</c>); default "0", "1", ...</param>
    public ConfusionMatrix(int classes, IReadOnlyList<string>? names = null)
    {
        if (classes < 2)
            throw new ArgumentOutOfRangeException(nameof(classes), $"a confusion matrix needs at least 2 classes, not {classes}");
        if (names is not null && names.Count != classes)
            throw new ArgumentException($"{names.Count} class names for {classes} classes", nameof(names));
        _counts = new long[classes, classes];
        Names = names ?? Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    public int Classes => _counts.GetLength(0);

    public IReadOnlyList<string> Names { get; }

    /// <summary>Samples of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int actual, int predicted] => _counts[actual, predicted];

    public long Total { get; private set; }

    /// <summary>Adds one sample.</summary>
    public void Add(int actual, int predicted)
    {
        if ((uint)actual >= (uint)Classes || (uint)predicted >= (uint)Classes)
            throw new ArgumentOutOfRangeException(nameof(actual), $"classes are 0 to {Classes - 1}; got true {actual}, predicted {predicted}");
        _counts[actual, predicted]++;
        Total++;
    }

    /// <summary>
    /// Adds a batch: outputs as the model returns them (<paramref name="kind"/>) and targets (class indices, one-hot or
    /// probabilities, or 0/1 for a single output).
    /// </summary>
    /// <exception cref="ArgumentException">The output has another number of classes, or a target is not a class.</exception>
    public void Add(torch.Tensor output, torch.Tensor target, OutputKind kind = OutputKind.Logits)
    {
        using var scope = torch.NewDisposeScope();
        var (predicted, truth, classes) = ClassPredictions.Of(output.detach(), target, kind);
        if (classes != Classes)
            throw new ArgumentException($"the output distinguishes {classes} classes, the confusion matrix {Classes}");
        var truthOnCpu = truth.cpu();
        var low = truthOnCpu.min().item<long>();
        var high = truthOnCpu.max().item<long>();
        if (low < 0 || high >= Classes)
            throw new ArgumentException($"target {(low < 0 ? low : high)} is not one of the {Classes} classes");
        var cells = (truthOnCpu * Classes + predicted.cpu()).bincount(null, Classes * Classes).data<long>().ToArray();
        for (var i = 0; i < cells.Length; i++)
            _counts[i / Classes, i % Classes] += cells[i];
        Total += output.shape[0];
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Total = 0;
    }

    /// <summary>Samples whose true class is <paramref name="c"/>.</summary>
    public long Support(int c) => Enumerable.Range(0, Classes).Sum(p => _counts[c, p]);

    /// <summary>Samples predicted as <paramref name="c"/>.</summary>
    public long Predicted(int c) => Enumerable.Range(0, Classes).Sum(a => _counts[a, c]);

    /// <summary>Of the samples predicted as <paramref name="c"/>, the fraction that are (0 when none was predicted).</summary>
    public double Precision(int c) => Ratio(_counts[c, c], Predicted(c));

    /// <summary>Of the samples of class <paramref name="c"/>, the fraction predicted as such (0 when there are none).</summary>
    public double Recall(int c) => Ratio(_counts[c, c], Support(c));

    /// <summary>The harmonic mean of precision and recall (0 when both are).</summary>
    public double F1(int c)
    {
        var (p, r) = (Precision(c), Recall(c));
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>
    /// The classes that occur, as true or as predicted class: those the macro averages run over (as scikit-learn's do
    /// when not given the labels), so a class absent from a small validation set does not count as a zero.
    /// </summary>
    public IReadOnlyList<int> PresentClasses => Enumerable.Range(0, Classes).Where(c => Support(c) + Predicted(c) > 0).ToArray();

    public double MacroPrecision => Macro(Precision);

    public double MacroRecall => Macro(Recall);

    public double MacroF1 => Macro(F1);

    public double Accuracy => Total == 0 ? double.NaN : (double)Enumerable.Range(0, Classes).Sum(c => _counts[c, c]) / Total;

    /// <summary>A report: per class precision, recall, F1 and support, then the macro averages and accuracy.</summary>
    public override string ToString()
    {
        var width = Math.Max(12, Names.Max(n => n.Length));
        var text = new StringBuilder();
        string Row(string name, string p, string r, string f, string s) =>
            $"{name.PadLeft(width)}  {p,9}  {r,9}  {f,9}  {s,9}\n";
        string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
        text.Append(Row("", "precision", "recall", "f1", "support"));
        for (var c = 0; c < Classes; c++)
            text.Append(Row(Names[c], F(Precision(c)), F(Recall(c)), F(F1(c)), Support(c).ToString(CultureInfo.InvariantCulture)));
        text.Append('\n');
        text.Append(Row("macro avg", F(MacroPrecision), F(MacroRecall), F(MacroF1), Total.ToString(CultureInfo.InvariantCulture)));
        text.Append(Row("accuracy", "", "", F(Accuracy), Total.ToString(CultureInfo.InvariantCulture)));
        return text.ToString();
    }

    private double Macro(Func<int, double> score)
    {
        var present = PresentClasses;
        return present.Count == 0 ? double.NaN : present.Average(score);
    }

    private static double Ratio(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
