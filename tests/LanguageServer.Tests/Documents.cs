using System;
using System.Linq;

namespace NetDsl.LanguageServerTests;

/// <summary>Positions in a text as an editor counts them: zero-based lines and columns.</summary>
public static class Documents
{
    /// <summary>The line and column of the <paramref name="occurrence"/>-th <paramref name="needle"/> (from 0), plus <paramref name="offset"/> characters.</summary>
    public static (int Line, int Character) Find(string text, string needle, int occurrence = 0, int offset = 0)
    {
        var index = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            index = text.IndexOf(needle, index + 1, StringComparison.Ordinal);
            if (index < 0) throw new ArgumentException($"'{needle}' occurs fewer than {occurrence + 1} times");
        }
        index += offset;
        var line = text.Take(index).Count(c => c == '\n');
        var character = index - (text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1);
        if (index > 0 && text[index - 1] == '\n') character = 0;
        return (line, character);
    }

    public static int LineOf(string text, string needle) => Find(text, needle).Line;
}
