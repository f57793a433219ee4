using System;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace NetDsl.Runtime.Reporting;

/// <summary>
/// A live Spectre.Console progress bar per epoch with the running loss and metric, samples/s and the time left; a
/// finished epoch's bar keeps its summary (validation values included).
/// </summary>
public sealed class ConsoleProgress : ITrainingProgress
{
    private readonly IAnsiConsole _console;
    private ProgressContext? _context;
    private ProgressTask? _task;
    private readonly Stopwatch _sinceUpdate = Stopwatch.StartNew();

    public ConsoleProgress(IAnsiConsole? console = null) => _console = console ?? AnsiConsole.Console;

    public void Run(Action fit)
    {
        _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
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
        var metric = p.MetricName is null ? "" : $"  {p.MetricName} {p.Metric.ToString("F4", CultureInfo.InvariantCulture)}";
        _task.Description = Markup.Escape(
            $"epoch {p.Epoch}/{p.Epochs}  loss {p.Loss.ToString("F4", CultureInfo.InvariantCulture)}{metric}  " +
            $"{p.SamplesPerSecond.ToString("N0", CultureInfo.InvariantCulture)} samples/s  ETA {Eta(p.Remaining)}");
    }

    public void EpochCompleted(EpochRecord record, int epochs)
    {
        if (_task is null)
        {
            _console.WriteLine(PlainProgress.Line(record, epochs));
            return;
        }
        _task.Value = _task.MaxValue;
        _task.Description = Markup.Escape(PlainProgress.Line(record, epochs));
        _task.StopTask();
        _task = null;
    }

    public void Message(string text) => _console.MarkupLine("[grey]" + Markup.Escape(text) + "[/]");

    private static string Eta(TimeSpan remaining) =>
        remaining.TotalHours >= 1 ? remaining.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : remaining.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
