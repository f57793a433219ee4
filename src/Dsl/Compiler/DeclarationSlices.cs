using System.Collections.Generic;
using System.Linq;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Compiler;

/// <summary>
/// Cuts a parsed file down to the declarations one unit reaches, with the diagnostics that lie inside them. A unit
/// that held its whole file made every unit of a file of many declarations lower, scan and compare all of them: the
/// build's time grew with the square of the declarations per file (issue #11: 2,000 one-line networks, 36 s).
/// </summary>
internal sealed class DeclarationSlices
{
    /// <summary>Each file's diagnostics by start, sorted once per plan, so that each slice finds its own by bisection.</summary>
    private readonly Dictionary<SyntaxUnit, DslDiagnostic[]> _sortedDiagnostics = new(ReferenceComparer<SyntaxUnit>.Instance);

    /// <summary><paramref name="file"/> holding only <paramref name="declarations"/> (in file order) and their diagnostics.</summary>
    public SyntaxUnit Slice(SyntaxUnit file, IEnumerable<DeclarationSyntax> declarations)
    {
        var kept = declarations.OrderBy(d => d.Range.Start).ToList();
        // A declaration of another front-end (a C# class) counts every error of its file as its own (see DslCompiler.HasSyntaxErrors).
        var diagnostics = kept.Any(d => d.Host is not null)
            ? file.Diagnostics
            : kept.SelectMany(d => Inside(file, d.Range)).ToEquatableArray();
        return new SyntaxUnit(file.Path, file.Text, new FileSyntax(file.Syntax.Path, kept.ToEquatableArray()), diagnostics);
    }

    /// <summary>
    /// The file's diagnostics that start after <paramref name="range"/>'s start and at or before its end: an error at
    /// a declaration's keyword belongs to the one before it (its missing '}'), as <see cref="DslCompiler"/> reads them.
    /// </summary>
    private IEnumerable<DslDiagnostic> Inside(SyntaxUnit file, TextRange range)
    {
        if (file.Diagnostics.Count == 0) yield break;
        if (!_sortedDiagnostics.TryGetValue(file, out var sorted))
        {
            sorted = file.Diagnostics.Where(d => d.Span.Path == file.Path).OrderBy(d => d.Span.Start).ToArray();
            _sortedDiagnostics[file] = sorted;
        }
        var low = 0;
        var high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (sorted[mid].Span.Start > range.Start) high = mid;
            else low = mid + 1;
        }
        for (var i = low; i < sorted.Length && sorted[i].Span.Start <= range.End; i++) yield return sorted[i];
    }
}
