using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using NetDsl.Diagnostics;

namespace NetDsl.DslTests.Infrastructure;

/// <summary>
/// A <c>.net</c> source with its expected spans marked: <c>[|text|]</c> (unnamed, in order of appearance) or
/// <c>{|name:text|}</c> (named; <c>{|</c> not followed by a name and a colon is text). The markers are stripped; <see cref="Text"/> is what the compiler sees.
/// </summary>
public sealed class MarkedSource
{
    private static readonly Regex NamedStart = new(@"\{\|([A-Za-z_]\w*):");

    private readonly List<(int Start, int End)> _unnamed = new();
    private readonly Dictionary<string, (int Start, int End)> _named = new();

    public MarkedSource(string marked, string path = TestCompiler.DefaultPath)
    {
        Path = path;
        var text = new StringBuilder();
        var open = new Stack<(int Start, string? Name)>();
        for (var i = 0; i < marked.Length; i++)
        {
            if (At(marked, i, "[|"))
            {
                open.Push((text.Length, null));
                i++;
            }
            else if (NamedStart.Match(marked, i) is { Success: true, Index: var index } match && index == i)
            {
                open.Push((text.Length, match.Groups[1].Value));
                i += match.Length - 1;
            }
            else if (At(marked, i, "|]") || At(marked, i, "|}"))
            {
                var (start, name) = open.Pop();
                if ((name is null) != (marked[i + 1] == ']')) throw new ArgumentException($"mismatched span marker at {i}");
                if (name is null) _unnamed.Add((start, text.Length));
                else _named.Add(name, (start, text.Length));
                i++;
            }
            else text.Append(marked[i]);
        }
        if (open.Count > 0) throw new ArgumentException("unclosed span marker");
        _unnamed.Sort((a, b) => a.Start.CompareTo(b.Start));
        Text = text.ToString();
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>The only unnamed span.</summary>
    public SourceSpan Span => _unnamed.Count == 1 ? ToSpan(_unnamed[0]) : throw new InvalidOperationException($"{_unnamed.Count} unnamed spans are marked");

    public IReadOnlyList<SourceSpan> Spans => _unnamed.ConvertAll(ToSpan);

    public SourceSpan this[string name] => ToSpan(_named[name]);

    private SourceSpan ToSpan((int Start, int End) range)
    {
        var (startLine, startColumn) = Position(range.Start);
        var (endLine, endColumn) = Position(range.End);
        return new SourceSpan(Path, range.Start, range.End - range.Start, startLine, startColumn, endLine, endColumn);
    }

    /// <summary>Zero-based line and column; '\n', '\r\n' and a lone '\r' end a line.</summary>
    private (int Line, int Column) Position(int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (Text[i] == '\r' && i + 1 < Text.Length && Text[i + 1] == '\n') continue;
            if (Text[i] == '\n' || Text[i] == '\r')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart);
    }

    private static bool At(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
