using System;
using Spectre.Console;

namespace NetDsl.Runtime.Reporting;

/// <summary>Chooses how training is shown.</summary>
public static class TrainingProgress
{
    /// <summary>
    /// A live progress bar when standard output is an interactive terminal; otherwise (redirected, CI=true, TERM=dumb)
    /// one plain line per epoch, which reads well in CI logs.
    /// </summary>
    public static ITrainingProgress Auto() => IsInteractive() ? new ConsoleProgress() : new PlainProgress(Console.Out);

    /// <summary>Shows nothing.</summary>
    public static ITrainingProgress Silent { get; } = new SilentProgress();

    internal static bool IsInteractive()
    {
        if (Console.IsOutputRedirected)
            return false;
        var ci = Environment.GetEnvironmentVariable("CI");
        if (!string.IsNullOrEmpty(ci) && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0")
            return false;
        if (Environment.GetEnvironmentVariable("TERM") is "dumb")
            return false;
        return AnsiConsole.Profile.Capabilities.Interactive && AnsiConsole.Profile.Capabilities.Ansi;
    }
}
