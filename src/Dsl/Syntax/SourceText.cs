using System.Collections.Generic;
using NetDsl.Diagnostics;

namespace NetDsl.Syntax;

/// <summary>One file's text with its line starts, to turn character ranges into file(line, column) spans.</summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string path, string text)
    {
        Path = path;
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            if (c == '\n' || c == '\r') starts.Add(i + 1);
        }
        _lineStarts = starts.ToArray();
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
        var low = 0;
        var high = _lineStarts.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (_lineStarts[mid] <= offset) low = mid;
            else high = mid - 1;
        }
        return (low, offset - _lineStarts[low]);
    }
}
