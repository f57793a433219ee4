using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// A live Spectre.Console progress bar per epoch with the running loss and metric, samples/s and the time left; a
/// finished epoch's bar keeps its summary (validation values included). Lines fit the terminal's width: the bar
/// narrows with it and the values that do not fit are left out rather than wrapped.
/// </summary>
public sealed class ConsoleProgress : ITrainingProgress
{
    private readonly IAnsiConsole _console;
    private ProgressContext? _context;
    private ProgressTask? _task;
    private readonly Stopwatch _sinceUpdate = Stopwatch.StartNew();

    public ConsoleProgress(IAnsiConsole? console = null) => _console = console ?? AnsiConsole.Console;

    /// <summary>Columns besides the description: the bar, "100%", "00:00:00" and the spaces between them.</summary>
    private const int FixedColumns = 4 + 8 + 4;

    /// <summary>The bar's width: a fifth of the terminal, between 10 and 40 characters.</summary>
    private int BarWidth => Math.Clamp(_console.Profile.Width / 5, 10, 40);

    /// <summary>What is left for the description, so no line wraps (read each time: the terminal may be resized).</summary>
    private int DescriptionWidth => Math.Max(10, _console.Profile.Width - BarWidth - FixedColumns - 1);

    public void Run(Action fit)
    {
        _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = BarWidth }, new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                _context = context;
                try
                {
                    fit();
                }
                finally
                {
                    _context = null;
                }
            });
    }

    public void EpochStarted(int epoch, int epochs, long steps)
    {
        if (_context is null)
            return;
        _task = _context.AddTask(Markup.Escape($"epoch {epoch}/{epochs}"), maxValue: Math.Max(1, steps));
    }

    public void StepCompleted(in StepProgress p)
    {
        if (_task is null)
            return;
        _task.Value = p.Step;
        if (_sinceUpdate.ElapsedMilliseconds < 100 && p.Step != p.Steps)
            return;
        _sinceUpdate.Restart();
        var parts = new List<string> { $"epoch {p.Epoch}/{p.Epochs}", $"loss {p.Loss.ToString("F4", CultureInfo.InvariantCulture)}" };
        if (p.MetricName is not null)
            parts.Add($"{p.MetricName} {p.Metric.ToString("F4", CultureInfo.InvariantCulture)}");
        parts.Add($"ETA {Eta(p.Remaining)}");
        parts.Add($"{p.SamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture)} samples/s");
        _task.Description = Markup.Escape(ProgressLine.Fit(parts, DescriptionWidth));
    }

    public void EpochCompleted(EpochRecord record, int epochs)
    {
        if (_task is null)
        {
            _console.WriteLine(PlainProgress.Line(record, epochs));
            return;
        }
        _task.Value = _task.MaxValue;
        _task.Description = Markup.Escape(ProgressLine.Fit(PlainProgress.Parts(record, epochs), DescriptionWidth));
        _task.StopTask();
        _task = null;
    }

    public void Message(string text) => _console.MarkupLine("[grey]" + Markup.Escape(text) + "[/]");

    private static string Eta(TimeSpan remaining) =>
        remaining.TotalHours >= 1 ? remaining.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : remaining.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
