using System;
using System.IO;

namespace NetDsl.Cli;

/// <summary>The <c>netdsl</c> command: one sub-command per verb; exit codes 0 (done), 1 (the files have errors), 2 (usage).</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.Write(Usage.Text);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success;
        }
        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "check" => CheckCommand.Run(rest, output, error),
                "summary" => SummaryCommand.Run(rest, output, error),
                "export" => ExportCommand.Run(rest, output, error),
                "diagram" => DiagramCommand.Run(rest, output, error),
                _ => Usage.Fail(error, $"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException problem)
        {
            return Usage.Fail(error, problem.Message);
        }
        catch (IOException problem)
        {
            error.WriteLine($"netdsl: {problem.Message}");
            return ExitCodes.Usage;
        }
        catch (UnauthorizedAccessException problem)
        {
            error.WriteLine($"netdsl: {problem.Message}");
            return ExitCodes.Usage;
        }
    }
}
