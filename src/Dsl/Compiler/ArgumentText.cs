using System.Globalization;
using NetDsl.Semantics;

namespace NetDsl.Compiler;

/// <summary>A network argument given as text by a tool (<c>classes=10</c> on a command line), read as a declaration writes it.</summary>
internal static class ArgumentText
{
    /// <summary>An integer, a float or a bool (<c>10</c>, <c>0.5</c>, <c>true</c>); null for anything else.</summary>
    public static ScalarValue? Parse(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return ScalarValue.OfInt(integer);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsInfinity(number) && !double.IsNaN(number)) return ScalarValue.OfFloat(number);
        return text switch
        {
            "true" => ScalarValue.OfBool(true),
            "false" => ScalarValue.OfBool(false),
            _ => null,
        };
    }
}
