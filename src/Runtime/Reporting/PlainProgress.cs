using System.Collections.Generic;
using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace NetDsl.Runtime.Reporting;

/// <summary>One line per epoch (and per message) on a writer: for CI logs and redirected output.</summary>
public sealed class PlainProgress : ITrainingProgress
{
    private readonly TextWriter _writer;

    public PlainProgress(TextWriter writer) => _writer = writer;

    public void Run(Action fit) => fit();

    public void EpochStarted(int epoch, int epochs, long steps)
    {
    }

    public void StepCompleted(in StepProgress progress)
    {
    }

    public void EpochCompleted(EpochRecord record, int epochs)
    {
        _writer.WriteLine(Line(record, epochs));
        _writer.Flush();
    }

    public void Message(string text)
    {
        _writer.WriteLine(text);
        _writer.Flush();
    }

    /// <summary><c>epoch  3/10  loss 0.4321  accuracy 0.8512  val_loss ...  lr 0.001  2,345 samples/s  12.3 s</c></summary>
    internal static string Line(EpochRecord record, int epochs) => string.Join(ProgressLine.Separator, Parts(record, epochs));

    /// <summary>The pieces of <see cref="Line"/>, most important first after the epoch.</summary>
    internal static IReadOnlyList<string> Parts(EpochRecord record, int epochs)
    {
        var width = epochs.ToString(CultureInfo.InvariantCulture).Length;
        var parts = new List<string> { $"epoch {record.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{epochs.ToString(CultureInfo.InvariantCulture)}" };
        foreach (var name in record.Names.Where(n => n is not ("seconds" or "samples_per_second")))
            parts.Add(name + " " + EpochRecord.Format(name, record[name]));
        if (record.TryGet("samples_per_second", out var rate))
            parts.Add(rate.ToString("N0", CultureInfo.InvariantCulture) + " samples/s");
        if (record.TryGet("seconds", out var seconds))
            parts.Add(seconds.ToString("F1", CultureInfo.InvariantCulture) + " s");
        return parts;
    }
}
