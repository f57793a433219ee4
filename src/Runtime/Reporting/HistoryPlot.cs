using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Native;
using ScottPlot;
using SkiaSharp;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// Training curves as a PNG, drawn by ScottPlot (SkiaSharp underneath; headless, no display needed): on the left the
/// losses (training and validation) per epoch, on the right every other metric that has values in [0, 1].
/// </summary>
public static class HistoryPlot
{
    private static readonly string[] Hidden = { "lr", "seconds", "samples_per_second" };

    public static void Save(TrainingHistory history, string path, string? title = null, int width = 1000, int height = 420)
    {
        if (history.Count == 0)
            throw new InvalidOperationException("the history has no epochs to plot");
        var epochs = history.Epochs.Select(e => (double)e.Epoch).ToArray();
        var names = history.Names.Where(n => !Hidden.Contains(n)).ToArray();
        var losses = names.Where(n => n.EndsWith("loss", StringComparison.Ordinal)).ToArray();
        var metrics = names.Except(losses).ToArray();

        var panels = metrics.Length > 0 ? 2 : 1;
        var panelWidth = width / panels;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        // Losses fall and metrics rise, so their legends go where the curves usually are not.
        Draw(canvas, 0, panelWidth, height, epochs, history, losses, title is null ? "loss" : $"{title}: loss", "loss", Alignment.UpperRight);
        if (panels == 2)
            Draw(canvas, panelWidth, panelWidth, height, epochs, history, metrics, title is null ? "metrics" : $"{title}: metrics", "value", Alignment.LowerRight);

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFileWriter.Write(path, data.ToArray());
    }

    private static void Draw(SKCanvas canvas, int left, int width, int height, double[] epochs, TrainingHistory history,
        IReadOnlyList<string> names, string title, string yLabel, Alignment legend)
    {
        var plot = new Plot();
        foreach (var name in names)
        {
            var values = history.Series(name);
            var scatter = plot.Add.Scatter(epochs, values);
            scatter.LegendText = name;
            scatter.LineWidth = 2;
            scatter.MarkerSize = 6;
            if (name.StartsWith("val_", StringComparison.Ordinal))
                scatter.LinePattern = LinePattern.Dashed;
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.ShowLegend(legend);
        if (epochs.Length == 1)
            plot.Axes.SetLimitsX(epochs[0] - 1, epochs[0] + 1);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

        canvas.Save();
        canvas.Translate(left, 0);
        canvas.ClipRect(new SKRect(0, 0, width, height));
        plot.Render(canvas, width, height);
        canvas.Restore();
    }
}
