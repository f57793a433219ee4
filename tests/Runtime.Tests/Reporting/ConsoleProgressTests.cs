using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NetDsl.Runtime.Reporting;
using NetDsl.Runtime.Training;
using Spectre.Console;
using Xunit;
using static NetDsl.Runtime.Tests.Training.TrainingFixtures;

namespace NetDsl.Runtime.Tests.Reporting;

/// <summary>The live display fits the terminal: at 80 or 140 columns no row wraps, and each epoch's summary stays.</summary>
[Collection(Training.TorchRngCollection.Name)]
public sealed class ConsoleProgressTests
{
    [Theory]
    [InlineData(80)]
    [InlineData(140)]
    [InlineData(200)]
    public void No_row_wraps_at_the_terminal_width(int width)
    {
        using var train = Blobs(20, seed: 1);
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        console.Profile.Width = width;
        // The quickstart's metrics: its epoch lines wrapped at 80 and at 140 columns.
        var options = new TrainerOptions
        {
            Epochs = 2, BatchSize = 16, Seed = 5, Metrics = new[] { Metrics.Accuracy(), Metrics.TopK(2) }, Progress = new ConsoleProgress(console),
        };

        new Trainer(Mlp(seed: 1), options).Fit(train, train);

        // The live display redraws in place: without its escape sequences, every frame's lines remain.
        var text = Regex.Replace(writer.ToString(), @"\x1b\[[0-9;?]*[A-Za-z]", "\n");
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r', ' ')).Where(l => l.Length > 0).ToList();
        Assert.Contains(lines, l => l.StartsWith("epoch 2/2  loss ", System.StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} columns: '{l}'"));
        // One line per bar: a row that wrapped would leave lines that do not start with its epoch.
        Assert.All(lines, l => Assert.StartsWith("epoch ", l));
        Assert.All(lines, l => Assert.Matches(@" \d\d:\d\d:\d\d$", l));
        if (width >= 200)
            Assert.Contains(lines, l => l.Contains("val_accuracy") && l.Contains("samples/s"));
    }
}
