using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetDsl.Diagnostics;

namespace NetDsl.Generator;

/// <summary>
/// Reports the compiler's diagnostics. One located in a C# file is placed in that file's syntax tree, so that
/// <c>#pragma warning disable NDxxxx</c> and <c>.editorconfig</c> sections apply to it as to any C# diagnostic; one in a
/// <c>.net</c> file gets a location in that file. The trees come from the compilation at report time: the cached
/// pipeline values hold only paths and offsets.
/// </summary>
internal static class DiagnosticOutput
{
    public static void Report(SourceProductionContext context, (ProjectReport Report, Compilation Compilation) input)
    {
        foreach (var error in input.Report.Errors)
        {
            context.ReportDiagnostic(Diagnostic.Create(GeneratorDescriptors.InternalError, Location.None, error.ExceptionType, error.Message, error.TopFrame));
        }
        if (input.Report.Diagnostics.Count == 0) return;
        var trees = new Dictionary<string, SyntaxTree>(StringComparer.Ordinal);
        foreach (var tree in input.Compilation.SyntaxTrees)
        {
            if (!trees.ContainsKey(tree.FilePath)) trees[tree.FilePath] = tree;
        }
        Location Locate(SourceSpan span)
        {
            if (!trees.TryGetValue(span.Path, out var tree)) return DiagnosticMapper.ToLocation(span);
            var length = tree.Length;
            var start = Math.Min(Math.Max(span.Start, 0), length);
            return Location.Create(tree, TextSpan.FromBounds(start, Math.Min(Math.Max(span.End, start), length)));
        }
        foreach (var diagnostic in input.Report.Diagnostics)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            context.ReportDiagnostic(DiagnosticMapper.ToDiagnostic(diagnostic, Locate));
        }
    }
}
