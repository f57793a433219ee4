using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Reporting;
using SkiaSharp;
using Xunit;

namespace NetDsl.Runtime.Tests.Reporting;

public sealed class TrainingHistoryTests
{
    private static TrainingHistory Sample()
    {
        var history = new TrainingHistory();
        for (var epoch = 1; epoch <= 4; epoch++)
        {
            history.Add(new EpochRecord(epoch, new Dictionary<string, double>
            {
                ["loss"] = 1.0 / epoch, ["accuracy"] = 0.5 + epoch / 10.0, ["val_loss"] = 1.2 / epoch,
                ["val_accuracy"] = 0.45 + epoch / 10.0, ["lr"] = 0.001, ["seconds"] = 1.5,
            }));
        }
        return history;
    }

    [Fact]
    public void Csv_HasAHeaderAndOneRowPerEpoch()
    {
        var lines = Sample().ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("2,0.5,0.7,0.6,", lines[2]);
    }

    [Fact]
    public void Json_RoundTrips()
    {
        var history = Sample();
        var path = Path.Combine(TestPaths.NewTempFolder(), "history.json");
        history.SaveJson(path);
        var loaded = TrainingHistory.LoadJson(path);
        Assert.Equal(history.Names, loaded.Names);
        Assert.Equal(history.Series("val_accuracy"), loaded.Series("val_accuracy"));
    }

    [Fact]
    public void Plot_IsAPngOfTheRequestedSize_DrawnHeadless()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "curves.png");
        Sample().SavePlot(path, "test", width: 800, height: 300);
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(800, bitmap.Width);
        Assert.Equal(300, bitmap.Height);
        // Not blank: the curves and labels put many distinct colours on the white background.
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < 300; y += 3)
            for (var x = 0; x < 800; x += 3)
                colours.Add(bitmap.GetPixel(x, y));
        Assert.True(colours.Count > 20, $"only {colours.Count} colours");
    }

    [Fact]
    public void Records_RejectUnknownNames_AndOutOfOrderEpochs()
    {
        var history = Sample();
        var error = Assert.Throws<KeyNotFoundException>(() => history.Last!["val_top5"]);
        Assert.Contains("recorded: loss, accuracy", error.Message);
        Assert.Throws<ArgumentException>(() => history.Add(new EpochRecord(2, new Dictionary<string, double>())));
        Assert.StartsWith("epoch  4/10  loss 0.2500  accuracy 0.9000", PlainProgress.Line(history.Last!, 10));
    }
}
