using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Compiler;
using NetDsl.Diagnostics;

namespace NetDsl.Cli;

/// <summary><c>netdsl check</c>: compiles the files as the build does (every network and block) and prints its diagnostics.</summary>
internal static class CheckCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var arguments = Arguments.Parse(args, new Dictionary<string, string>());
        var sources = SourceFiles.Read(arguments.Positional);
        var compiled = DslCompiler.Compile(sources, new CompileOptions("NetDsl.Generated", EmitCode: false));
        var errors = DiagnosticText.Write(compiled.Diagnostics, output);
        var warnings = compiled.Diagnostics.Count(d => d.Severity == DslSeverity.Warning);
        output.WriteLine($"netdsl check: {Count(sources.Count, "file")}, {Count(errors, "error")}, {Count(warnings, "warning")}");
        return errors > 0 ? ExitCodes.Errors : ExitCodes.Success;
    }

    internal static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
