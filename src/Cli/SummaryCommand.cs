using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Compiler;

namespace NetDsl.Cli;

/// <summary><c>netdsl summary</c>: each network's compile-time summary, as the generated class's <c>Summary</c>.</summary>
internal static class SummaryCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var arguments = Arguments.Parse(args, new Dictionary<string, string> { ["--network"] = "--network", ["-n"] = "--network" });
        var sources = SourceFiles.Read(arguments.Positional);
        var wanted = arguments.All("--network");
        var (summaries, diagnostics) = NetworkSummaries.Of(sources);
        if (DiagnosticText.Write(diagnostics, error) > 0) return ExitCodes.Errors;
        var missing = wanted.Where(n => !summaries.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            error.WriteLine($"netdsl: no network {string.Join(", ", missing.Select(m => $"'{m}'"))} in the given files; they declare {(summaries.Count == 0 ? "none" : string.Join(", ", summaries.Keys))}");
            return ExitCodes.Errors;
        }
        if (summaries.Count == 0)
        {
            error.WriteLine("netdsl: the given files declare no network");
            return ExitCodes.Errors;
        }
        var first = true;
        foreach (var (name, lines) in summaries.Where(s => wanted.Count == 0 || wanted.Contains(s.Key)))
        {
            if (!first) output.WriteLine();
            first = false;
            foreach (var line in lines) output.WriteLine(line);
        }
        return ExitCodes.Success;
    }
}
