using System.Collections.Generic;

namespace NetDsl.Analysis;

/// <summary>Reads the trivia between tokens for the formatter.</summary>
internal static class Trivia
{
    /// <summary>The comments and line breaks of <paramref name="text"/> between <paramref name="start"/> and <paramref name="end"/> (spaces dropped).</summary>
    public static List<TriviaItem> Read(string text, int start, int end)
    {
        var items = new List<TriviaItem>();
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c == '#')
            {
                var from = i;
                while (i < end && text[i] != '\n' && text[i] != '\r') i++;
                items.Add(new TriviaItem(TriviaKind.Comment, text.Substring(from, i - from).TrimEnd(), Column(text, from)));
            }
            else if (c == '\\' && i + 1 < end && (text[i + 1] == '\n' || text[i + 1] == '\r'))
            {
                items.Add(new TriviaItem(TriviaKind.Continuation, "\\", Column(text, i)));
                i += text[i + 1] == '\r' && i + 2 < end && text[i + 2] == '\n' ? 3 : 2;
            }
            else if (c == '\n' || c == '\r')
            {
                items.Add(new TriviaItem(TriviaKind.NewLine, "", 0));
                i += c == '\r' && i + 1 < end && text[i + 1] == '\n' ? 2 : 1;
            }
            else i++;
        }
        return items;
    }

    private static int Column(string text, int offset)
    {
        var column = 0;
        while (offset - column > 0 && text[offset - column - 1] != '\n' && text[offset - column - 1] != '\r') column++;
        return column;
    }
}
