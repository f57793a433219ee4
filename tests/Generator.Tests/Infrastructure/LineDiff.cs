using System;
using System.Collections.Generic;
using System.Text;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>A small line diff (longest common subsequence) printed with context, for readable snapshot failures.</summary>
public static class LineDiff
{
    public static string Format(string expected, string actual, int context = 2, int maxLines = 80)
    {
        var a = Split(expected);
        var b = Split(actual);
        var edits = Compute(a, b);

        // Keep changed lines and their neighbours; mark skipped runs with "...".
        var keep = new bool[edits.Count];
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits[i].Kind == ' ') continue;
            for (var j = Math.Max(0, i - context); j <= Math.Min(edits.Count - 1, i + context); j++) keep[j] = true;
        }

        var output = new StringBuilder();
        output.AppendLine("--- expected (golden)");
        output.AppendLine("+++ received");
        var printed = 0;
        var skipping = false;
        for (var i = 0; i < edits.Count; i++)
        {
            if (!keep[i])
            {
                if (!skipping) output.AppendLine("  ...");
                skipping = true;
                continue;
            }

            skipping = false;
            if (printed++ == maxLines)
            {
                output.AppendLine("  ... (diff truncated)");
                break;
            }

            var (kind, line, text) = edits[i];
            output.Append(kind).Append(' ').Append(line.ToString().PadLeft(4)).Append(" | ").AppendLine(text);
        }

        return output.ToString();
    }

    private static string[] Split(string text) => text.Replace("\r\n", "\n").Split('\n');

    /// <summary>Edits in order: ' ' kept, '-' only in expected, '+' only in received; with 1-based line numbers.</summary>
    private static List<(char Kind, int Line, string Text)> Compute(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var edits = new List<(char, int, string)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                edits.Add((' ', y + 1, b[y]));
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                edits.Add(('+', y + 1, b[y]));
                y++;
            }
            else
            {
                edits.Add(('-', x + 1, a[x]));
                x++;
            }
        }

        return edits;
    }
}
