using System.Collections.Generic;
using System.Linq;
using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>
/// The output shape at the end of each line: the value of the last layer, merge, group or named value that ends on
/// the line (the outermost of those that end together). Inside a block, whose shapes depend on the call, the hint is
/// the first call's (calls in the order the project's networks are checked), marked "call 1 of N" when the calls
/// differ; its tooltip and the hover list every call.
/// </summary>
public static class InlayHints
{
    public static IReadOnlyList<InlayHint> For(ProjectSnapshot snapshot, string path)
    {
        if (!snapshot.Files.TryGetValue(path, out var file)) return new List<InlayHint>();
        var source = new SourceText(path, file.Text);
        var lineEnds = LineEnds(file.Text);
        var best = new Dictionary<int, (ShapedSite Site, IReadOnlyList<SiteShape> Shapes)>();
        foreach (var entry in snapshot.Shapes.Sites(path))
        {
            if (entry.Site.Kind == ShapedKind.Parameter || entry.Shapes.Count == 0) continue;
            var line = source.Span(new TextRange(entry.Site.Range.End, 0)).StartLine;
            if (!best.TryGetValue(line, out var current) || Later(entry.Site, current.Site)) best[line] = entry;
        }
        var hints = new List<InlayHint>();
        foreach (var line in best.Keys.OrderBy(l => l))
        {
            var (site, shapes) = best[line];
            if (line >= lineEnds.Count) continue;
            hints.Add(new InlayHint(lineEnds[line], Label(shapes), Hovers.Calls(shapes, site.Kind)));
        }
        return hints;
    }

    private static bool Later(ShapedSite candidate, ShapedSite current) =>
        candidate.Range.End > current.Range.End || (candidate.Range.End == current.Range.End && candidate.Range.Length > current.Range.Length);

    private static string Label(IReadOnlyList<SiteShape> shapes)
    {
        var first = Hovers.Value(shapes[0]);
        var prefix = shapes[0].Number is null ? "→ " : "";
        var alike = shapes.All(s => Hovers.Value(s) == first);
        return prefix + first + (alike ? "" : $" (call 1 of {shapes.Count})");
    }

    /// <summary>Where each line's code ends: after its last token (before a comment and trailing spaces).</summary>
    private static List<int> LineEnds(string text)
    {
        var ends = new List<int>();
        var lineStart = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\n') continue;
            var end = i;
            if (end > lineStart && text[end - 1] == '\r') end--;
            var comment = CommentStart(text, lineStart, end);
            end = comment;
            while (end > lineStart && char.IsWhiteSpace(text[end - 1])) end--;
            ends.Add(end);
            lineStart = i + 1;
        }
        return ends;
    }

    private static int CommentStart(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (text[i] == '#') return i;
        }
        return end;
    }
}
