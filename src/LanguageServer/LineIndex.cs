using System.Collections.Generic;
using NetDsl.LanguageServer.Protocol;
using NetDsl.Syntax;

namespace NetDsl.LanguageServer;

/// <summary>Converts between character offsets and LSP positions (lines end at \n, \r\n or \r, as the lexer reads them).</summary>
internal sealed class LineIndex
{
    private readonly int[] _starts;
    private readonly int _length;

    public LineIndex(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            if (c == '\n' || c == '\r') starts.Add(i + 1);
        }
        _starts = starts.ToArray();
        _length = text.Length;
    }

    public int Offset(Position position)
    {
        if (position.Line < 0) return 0;
        if (position.Line >= _starts.Length) return _length;
        var lineEnd = position.Line + 1 < _starts.Length ? _starts[position.Line + 1] : _length;
        return System.Math.Min(_starts[position.Line] + System.Math.Max(0, position.Character), lineEnd);
    }

    public Position Position(int offset)
    {
        offset = System.Math.Max(0, System.Math.Min(offset, _length));
        var low = 0;
        var high = _starts.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (_starts[mid] <= offset) low = mid;
            else high = mid - 1;
        }
        return new Position(low, offset - _starts[low]);
    }

    public Range Range(TextRange range) => new(Position(range.Start), Position(range.End));
}
