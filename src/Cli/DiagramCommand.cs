using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Diagrams;

namespace NetDsl.Cli;

/// <summary>
/// <c>netdsl diagram files... [--network NAME]... [--format svg|mermaid]... [--out DIR] [--blocks linked|inline]</c>:
/// writes each network's diagram files (and its blocks') into the folder, the current one by default.
/// </summary>
internal static class DiagramCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var arguments = Arguments.Parse(args, new Dictionary<string, string>
        {
            ["--network"] = "--network", ["-n"] = "--network", ["--format"] = "--format", ["-f"] = "--format",
            ["--out"] = "--out", ["-o"] = "--out", ["--blocks"] = "--blocks",
        });
        var formats = Formats(arguments.All("--format"));
        var inline = arguments.Single("--blocks") switch
        {
            null or "linked" => false,
            "inline" => true,
            var other => throw new UsageException($"--blocks takes linked or inline, not '{other}'"),
        };
        var folder = arguments.Single("--out") ?? ".";
        var sources = SourceFiles.Read(arguments.Positional);
        var wanted = arguments.All("--network");
        var (diagrams, diagnostics) = NetworkDiagrams.Of(sources);
        if (DiagnosticText.Write(diagnostics, error) > 0) return ExitCodes.Errors;
        var missing = wanted.Where(n => !diagrams.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            error.WriteLine($"netdsl: no network {string.Join(", ", missing.Select(m => $"'{m}'"))} in the given files; they declare {(diagrams.Count == 0 ? "none" : string.Join(", ", diagrams.Keys))}");
            return ExitCodes.Errors;
        }
        if (diagrams.Count == 0)
        {
            error.WriteLine("netdsl: the given files declare no network");
            return ExitCodes.Errors;
        }
        foreach (var (name, diagram) in diagrams.Where(d => wanted.Count == 0 || wanted.Contains(d.Key)))
        {
            var files = DiagramFiles.Write(diagram, folder, formats, inline);
            output.WriteLine($"netdsl diagram: {name}: {files.Count} file{(files.Count == 1 ? "" : "s")} in {folder} ({Path.GetFileName(files[0])} first)");
        }
        return ExitCodes.Success;
    }

    private static DiagramFormat Formats(IReadOnlyList<string> names)
    {
        if (names.Count == 0) return DiagramFormat.Svg;
        DiagramFormat formats = 0;
        foreach (var name in names.SelectMany(n => n.Split(',')))
        {
            formats |= name switch
            {
                "svg" => DiagramFormat.Svg,
                "mermaid" or "mmd" => DiagramFormat.Mermaid,
                _ => throw new UsageException($"unknown diagram format '{name}'; formats: svg, mermaid"),
            };
        }
        return formats;
    }
}
