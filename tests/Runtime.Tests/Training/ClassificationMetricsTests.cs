using System;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using SkiaSharp;
using TorchSharp;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

public sealed class ClassificationMetricsTests
{
    // Rows true, columns predicted:   [3 1 0]
    //                                 [1 1 0]
    //                                 [1 0 3]
    private static readonly long[] Truth = { 0, 0, 0, 1, 1, 2, 2, 2, 2, 0 };
    private static readonly long[] Predicted = { 0, 1, 0, 1, 0, 2, 2, 0, 2, 0 };

    private static Tensor LogitsFor(long[] predicted, int classes) =>
        nn.functional.one_hot(tensor(predicted), classes).to(float32) * 4 - 2;

    [Fact]
    public void Matrix_CountsAndScores_MatchTheHandComputedOnes()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var matrix = new ConfusionMatrix(3, new[] { "cat", "dog", "owl" });
        matrix.Add(LogitsFor(Predicted, 3), tensor(Truth));

        Assert.Equal(new long[] { 3, 1, 0, 1, 1, 0, 1, 0, 3 },
            Enumerable.Range(0, 9).Select(i => matrix[i / 3, i % 3]));
        Assert.Equal(new[] { 0.6, 0.5, 1.0 }, new[] { 0, 1, 2 }.Select(matrix.Precision));
        Assert.Equal(new[] { 0.75, 0.5, 0.75 }, new[] { 0, 1, 2 }.Select(matrix.Recall));
        Assert.Equal(2 * 0.6 * 0.75 / 1.35, matrix.F1(0), 12);
        Assert.Equal(2 * 0.75 / 1.75, matrix.F1(2), 12);
        Assert.Equal(0.7, matrix.MacroPrecision, 12);
        Assert.Equal(2.0 / 3, matrix.MacroRecall, 12);
        Assert.Equal((2 * 0.6 * 0.75 / 1.35 + 0.5 + 2 * 0.75 / 1.75) / 3, matrix.MacroF1, 12);
        Assert.Equal(0.7, matrix.Accuracy, 12);
        Assert.Equal(new long[] { 4, 2, 4 }, new[] { 0, 1, 2 }.Select(matrix.Support));

        var report = matrix.ToString().Split('\n');
        Assert.Contains(report, line => line.TrimStart().StartsWith("owl") && line.Contains("1.0000") && line.Contains("0.7500") && line.Contains("0.8571"));
        Assert.Contains(report, line => line.TrimStart().StartsWith("macro avg") && line.Contains("0.7000") && line.Contains("0.6667") && line.Contains("0.6746"));
    }

    [Fact]
    public void Matrix_ReadsEveryOutputKind_AndSoftTargets()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var logits = LogitsFor(Predicted, 3);
        var reference = new ConfusionMatrix(3);
        reference.Add(logits, tensor(Truth));
        var fromProbabilities = new ConfusionMatrix(3);
        fromProbabilities.Add(softmax(logits, 1), nn.functional.one_hot(tensor(Truth), 3).to(float32) * 0.8f + 0.05f, OutputKind.Probabilities);
        Assert.Equal(Cells(reference), Cells(fromProbabilities));

        // One output: positive above logit 0, or above probability 0.5.
        var binary = new ConfusionMatrix(2);
        binary.Add(tensor(new[] { 1.5f, -0.5f, 0.2f, -3f }), tensor(new[] { 1f, 1f, 0f, 0f }));
        binary.Add(tensor(new[] { 0.7f, 0.4f }).reshape(2, 1), tensor(new[] { 1f, 0f }), OutputKind.IndependentProbabilities);
        Assert.Equal(new long[] { 2, 1, 1, 2 }, Cells(binary));
    }

    [Fact]
    public void MacroAverages_RunOverTheClassesThatOccur()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var matrix = new ConfusionMatrix(4);
        matrix.Add(LogitsFor(new long[] { 0, 1, 1 }, 4), tensor(new long[] { 0, 1, 0 }));
        Assert.Equal(new[] { 0, 1 }, matrix.PresentClasses);
        Assert.Equal((1.0 + 0.5) / 2, matrix.MacroPrecision, 12);
        Assert.Equal(0, matrix.Precision(3));
    }

    [Fact]
    public void BadTargets_AndOtherClassCounts_AreRefused()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var matrix = new ConfusionMatrix(3);
        var error = Assert.Throws<ArgumentException>(() => matrix.Add(LogitsFor(new long[] { 0, 1 }, 3), tensor(new long[] { 0, 7 })));
        Assert.Contains("target 7 is not one of the 3 classes", error.Message);
        error = Assert.Throws<ArgumentException>(() => matrix.Add(LogitsFor(new long[] { 0, 1 }, 4), tensor(new long[] { 0, 1 })));
        Assert.Contains("distinguishes 4 classes", error.Message);
        Assert.Equal(0, matrix.Total);
    }

    [Fact]
    public void Scores_AsMetrics_HaveTheirNames_AndTheMatrixValues()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var metrics = new[] { Metrics.Precision(), Metrics.Recall(), Metrics.F1(), Metrics.F1(ofClass: 2), Metrics.Recall(ofClass: 0) };
        Assert.Equal(new[] { "precision", "recall", "f1", "f1_class2", "recall_class0" }, metrics.Select(m => m.Name));
        // Two batches, and a reset in between epochs.
        foreach (var metric in metrics)
        {
            metric.Update(LogitsFor(new long[] { 2, 2 }, 3), tensor(new long[] { 0, 1 }), OutputKind.Logits);
            metric.Reset();
            metric.Update(LogitsFor(Predicted[..4], 3), tensor(Truth[..4]), OutputKind.Logits);
            metric.Update(LogitsFor(Predicted[4..], 3), tensor(Truth[4..]), OutputKind.Logits);
        }
        var expected = new[] { 0.7, 2.0 / 3, (2 * 0.6 * 0.75 / 1.35 + 0.5 + 2 * 0.75 / 1.75) / 3, 2 * 0.75 / 1.75, 0.75 };
        for (var i = 0; i < metrics.Length; i++)
            Assert.Equal(expected[i], metrics[i].Compute(), 12);
        Assert.All(metrics, m => Assert.True(m.HigherIsBetter));
    }

    [Fact]
    public void Monitor_InAutoMode_FollowsTheMetricsDirection()
    {
        var monitor = new Monitor("val_f1", MonitorMode.Auto, 0);
        Assert.False(monitor.HigherIsBetter); // by name alone, an unknown value is taken for a loss
        monitor.Resolve(new[] { Metrics.Accuracy(), Metrics.F1() });
        Assert.True(monitor.HigherIsBetter);
        var fixedMode = new Monitor("val_f1", MonitorMode.Min, 0);
        fixedMode.Resolve(new[] { Metrics.F1() });
        Assert.False(fixedMode.HigherIsBetter);
    }

    [Fact]
    public void Png_ShowsTheCounts_ShadedByTheirRow()
    {
        TorchNative.EnsureLoaded();
        var matrix = new ConfusionMatrix(3, new[] { "cat", "dog", "owl" });
        using (NewDisposeScope())
            matrix.Add(LogitsFor(Predicted, 3), tensor(Truth));
        var path = Path.Combine(TestPaths.NewTempFolder(), "matrix.png");
        ConfusionMatrixPlot.Save(matrix, path);

        using var bitmap = SKBitmap.Decode(path);
        Assert.True(bitmap.Width >= 480 && bitmap.Width == bitmap.Height, $"{bitmap.Width}x{bitmap.Height}");
        // Cells are filled by their share of the row: three hold none of theirs (the lightest shade), two hold 3 of 4
        // (deep blue), two half (dog's row); equal cells, so the pixels of each shade come in those proportions.
        int Pixels(double share)
        {
            var color = ConfusionMatrixPlot.CellColor(share);
            var count = 0;
            for (var x = 0; x < bitmap.Width; x++)
                for (var y = 0; y < bitmap.Height; y++)
                    if (bitmap.GetPixel(x, y) is var p && p.Red == color.R && p.Green == color.G && p.Blue == color.B)
                        count++;
            return count;
        }
        var (none, half, most) = (Pixels(0), Pixels(0.5), Pixels(0.75));
        Assert.True(half > bitmap.Width * bitmap.Height / 40, $"a 2-of-4 cell has only {half} pixels");
        Assert.InRange((double)none / half, 1.35, 1.65);
        Assert.InRange((double)most / half, 0.85, 1.15);
    }

    private static long[] Cells(ConfusionMatrix m) =>
        Enumerable.Range(0, m.Classes * m.Classes).Select(i => m[i / m.Classes, i % m.Classes]).ToArray();
}
