using System.Collections.Generic;
using System.Text;

namespace NetDsl.Runtime.Reporting;

/// <summary>A status line made of parts that fits a width: parts that do not fit are left out, never wrapped.</summary>
internal static class ProgressLine
{
    public const string Separator = "  ";

    /// <summary>
    /// The first part (the epoch) always, then every following part, in order, that still fits in
    /// <paramref name="width"/> characters; the first part alone is cut to the width.
    /// </summary>
    public static string Fit(IReadOnlyList<string> parts, int width)
    {
        if (parts.Count == 0 || width <= 0)
            return "";
        var line = new StringBuilder(parts[0].Length <= width ? parts[0] : parts[0].Substring(0, width));
        for (var i = 1; i < parts.Count; i++)
        {
            if (line.Length + Separator.Length + parts[i].Length <= width)
                line.Append(Separator).Append(parts[i]);
        }
        return line.ToString();
    }
}
