using System.Collections.Generic;
using NetDsl.Diagnostics;

namespace NetDsl.Syntax;

/// <summary>One file's text with its line starts, to turn character ranges into file(line, column) spans.</summary>
public sealed class SourceText
{
    /// <summary>Found on the first span: each unit reads its files anew, and most report nothing.</summary>
    private int[]? _lineStarts;

    public SourceText(string path, string text)
    {
        Path = path;
        Text = text;
    }

    public string Path { get; }

    public string Text { get; }

    public SourceSpan Span(TextRange range)
    {
        var start = Clamp(range.Start);
        var end = Clamp(range.End);
        var (startLine, startColumn) = Position(start);
        var (endLine, endColumn) = Position(end);
        return new SourceSpan(Path, start, end - start, startLine, startColumn, endLine, endColumn);
    }

    private int Clamp(int offset) => offset < 0 ? 0 : offset > Text.Length ? Text.Length : offset;

    private (int Line, int Column) Position(int offset)
    {
        var lineStarts = _lineStarts ??= LineStarts(Text);
        var low = 0;
        var high = lineStarts.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (lineStarts[mid] <= offset) low = mid;
            else high = mid - 1;
        }
        return (low, offset - lineStarts[low]);
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            if (c == '\n' || c == '\r') starts.Add(i + 1);
        }
        return starts.ToArray();
    }
}
