using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Compiler;

namespace NetDsl.Cli;

/// <summary>
/// <c>netdsl summary files... [--network NAME]... [--arg name=value]...</c>: each network's summary, the table of the
/// generated class's <c>Summary</c> with every layer listed; arguments replace the defaults of the one network named.
/// </summary>
internal static class SummaryCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var arguments = Arguments.Parse(args, new Dictionary<string, string> { ["--network"] = "--network", ["-n"] = "--network", ["--arg"] = "--arg", ["-a"] = "--arg" });
        var sources = SourceFiles.Read(arguments.Positional);
        var (summaries, diagnostics, errors) = NetworkSummaries.Of(sources, arguments.All("--network"), arguments.Pairs("--arg"));
        if (DiagnosticText.Write(diagnostics, error) + errors.Count > 0)
        {
            foreach (var problem in errors) error.WriteLine($"netdsl: {problem}");
            return ExitCodes.Errors;
        }
        if (summaries.Count == 0)
        {
            error.WriteLine("netdsl: the given files declare no network");
            return ExitCodes.Errors;
        }
        var first = true;
        foreach (var lines in summaries.Values)
        {
            if (!first) output.WriteLine();
            first = false;
            foreach (var line in lines) output.WriteLine(line);
        }
        return ExitCodes.Success;
    }
}
