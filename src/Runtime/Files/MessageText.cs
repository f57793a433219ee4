using System.Text;

namespace NetDsl.Runtime.Files;

/// <summary>
/// Makes text from a file (keys, names, paths) safe to put in an exception message: control characters (terminal
/// escapes, carriage returns, bells, NULs) and the Unicode controls that reorder or hide text are written as
/// <c>\u001b</c> escapes, so a hostile key can neither rewrite a terminal nor forge a line of the message.
/// </summary>
internal static class MessageText
{
    /// <summary>Escapes every control character except line breaks (multi-line messages keep their lines).</summary>
    public static string Escape(string text) => EscapeCore(text, keepLineBreaks: true);

    /// <summary>Escapes every control character, line breaks included: for one name or key.</summary>
    public static string EscapeAll(string text) => EscapeCore(text, keepLineBreaks: false);

    private static string EscapeCore(string text, bool keepLineBreaks)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (NeedsEscape(c, keepLineBreaks))
            {
                clean = false;
                break;
            }
        }
        if (clean)
            return text;
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (NeedsEscape(c, keepLineBreaks))
                escaped.Append("\\u").Append(((int)c).ToString("x4"));
            else
                escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c, bool keepLineBreaks) =>
        (char.IsControl(c) && !(keepLineBreaks && c == '\n'))
        || c is '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}
