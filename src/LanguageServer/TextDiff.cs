using NetDsl.LanguageServer.Protocol;
using NetDsl.Syntax;

namespace NetDsl.LanguageServer;

/// <summary>One edit that turns a text into another, replacing only what lies between their common start and end.</summary>
internal static class TextDiff
{
    public static TextEdit Edit(string before, string after)
    {
        var start = 0;
        while (start < before.Length && start < after.Length && before[start] == after[start]) start++;
        var end = 0;
        while (end < before.Length - start && end < after.Length - start && before[before.Length - 1 - end] == after[after.Length - 1 - end]) end++;
        var lines = new LineIndex(before);
        return new TextEdit(lines.Range(TextRange.FromBounds(start, before.Length - end)), after.Substring(start, after.Length - end - start));
    }
}
