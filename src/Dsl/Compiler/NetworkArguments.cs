using System.Collections.Generic;
using System.Globalization;
using NetDsl.Semantics;

namespace NetDsl.Compiler;

/// <summary>
/// A network's arguments as a command line gives them (<c>classes=10</c>, <c>scale=0.5</c>, <c>pre=true</c>): each value
/// as a declaration writes it, read as the checker's value (the tools' <c>--arg</c>).
/// </summary>
public static class NetworkArguments
{
    /// <summary>The values by name, and a message for each one that is not an integer, a float or true/false.</summary>
    public static (Dictionary<string, ScalarValue> Values, List<string> Errors) Parse(IReadOnlyDictionary<string, string>? arguments)
    {
        var values = new Dictionary<string, ScalarValue>(System.StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var argument in arguments ?? new Dictionary<string, string>())
        {
            if (Value(argument.Value) is { } value) values[argument.Key] = value;
            else errors.Add($"argument {argument.Key}={argument.Value} is not an integer, a float or true/false");
        }
        return (values, errors);
    }

    private static ScalarValue? Value(string text)
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
