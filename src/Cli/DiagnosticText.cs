using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Diagnostics;

namespace NetDsl.Cli;

/// <summary>Diagnostics as <c>dotnet build</c> prints them: <c>file(line,col): error ND0201: message</c>.</summary>
internal static class DiagnosticText
{
    /// <summary>Writes every diagnostic and returns how many are errors.</summary>
    public static int Write(IReadOnlyList<DslDiagnostic> diagnostics, TextWriter output)
    {
        foreach (var diagnostic in diagnostics) output.WriteLine(diagnostic.ToString());
        return diagnostics.Count(d => d.Severity == DslSeverity.Error);
    }
}
