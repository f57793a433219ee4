using System;
using System.Globalization;
using System.Linq;
using NetDsl.Runtime.Native;
using NetDsl.Runtime.Training;
using ScottPlot;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// A confusion matrix as a PNG, drawn by ScottPlot: true classes down, predicted classes across, each cell coloured
/// by the fraction of its true class (its row) and labelled with its count, so a class's recall is its diagonal shade.
/// </summary>
public static class ConfusionMatrixPlot
{
    public static void Save(ConfusionMatrix matrix, string path, string? title = null, int size = 0)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.Classes;
        var longest = matrix.Names.Max(s => s.Length);
        size = size > 0 ? size : Math.Clamp(220 + n * 56 + longest * 7, 480, 1600);
        var plot = new Plot();
        for (var actual = 0; actual < n; actual++)
        {
            var support = Math.Max(1, matrix.Support(actual));
            for (var predicted = 0; predicted < n; predicted++)
            {
                var count = matrix[actual, predicted];
                var share = (double)count / support;
                // Row 0 at the top, as the matrix is printed.
                var y = n - 1 - actual;
                var cell = plot.Add.Rectangle(predicted - 0.5, predicted + 0.5, y - 0.5, y + 0.5);
                cell.FillStyle.Color = CellColor(share);
                cell.LineStyle.Color = Colors.White;
                cell.LineStyle.Width = 1;
                var label = plot.Add.Text(count.ToString("N0", CultureInfo.InvariantCulture), predicted, y);
                label.LabelFontSize = n > 12 ? 10 : 14;
                label.LabelFontColor = share > 0.5 ? Colors.White : Colors.Black;
                label.LabelAlignment = Alignment.MiddleCenter;
            }
        }
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, matrix.Names.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            positions.Select(p => n - 1 - p).ToArray(), matrix.Names.ToArray());
        // Class names turn when they would not fit under their column; the axis then makes room for them.
        if (longest * 7.5 > size * 0.75 / n)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = (float)(longest * 6 + 40);
        }
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.XLabel("predicted");
        plot.YLabel("true");
        plot.Title(title ?? string.Create(CultureInfo.InvariantCulture,
            $"accuracy {matrix.Accuracy:F4}, macro F1 {matrix.MacroF1:F4} ({matrix.Total:N0} samples)"), size: 14);
        plot.HideGrid();
        var png = plot.GetImageBytes(size, size, ImageFormat.Png);
        AtomicFileWriter.Write(path, png);
    }

    /// <summary>The fill of a cell holding <paramref name="share"/> of its row: white-blue for none, deep blue for all.</summary>
    public static Color CellColor(double share) => new ScottPlot.Colormaps.Blues().GetColor(0.95 - 0.9 * Math.Clamp(share, 0, 1));
}
