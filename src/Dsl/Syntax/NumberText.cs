using System.Globalization;

namespace NetDsl.Syntax;

/// <summary>
/// Numbers as <c>.net</c> text spells them when no source text is kept (the declaration printer, summary rows): the
/// shortest text that reads back as the same value, a float always with a point or an exponent.
/// </summary>
public static class NumberText
{
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>0.5</c>, <c>2.0</c>, <c>1e-6</c>, <c>1.5e20</c>: .NET's shortest round-trip digits, its exponent written as the lexer's shortest form.</summary>
    public static string Float(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E');
        if (e < 0) return text.IndexOf('.') >= 0 ? text : text + ".0";
        var exponent = text.Substring(e + 1);
        var sign = exponent.StartsWith("-", System.StringComparison.Ordinal) ? "-" : "";
        return text.Substring(0, e) + "e" + sign + exponent.TrimStart('+', '-').TrimStart('0');
    }
}
