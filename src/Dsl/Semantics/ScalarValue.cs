using System.Globalization;
using System.Linq;
using NetDsl.Collections;

namespace NetDsl.Semantics;

/// <summary>A concrete scalar: what a <see cref="Scalar"/> evaluates to for given parameter values.</summary>
public readonly record struct ScalarValue(ValueKind Kind, long Int, double Float, bool Bool, string? Symbol, long Second)
{
    public static ScalarValue OfInt(long value) => new(ValueKind.Int, value, value, false, null, 0);

    public static ScalarValue OfFloat(double value) => new(ValueKind.Float, 0, value, false, null, 0);

    public static ScalarValue OfBool(bool value) => new(ValueKind.Bool, 0, 0, value, null, 0);

    public static ScalarValue OfSymbol(string value) => new(ValueKind.Symbol, 0, 0, false, value, 0);

    public static ScalarValue OfPair(long first, long second) => new(ValueKind.Pair, first, 0, false, null, second);

    public static ScalarValue OfInts(long[] items) => new(ValueKind.Ints, 0, 0, false, null, 0) { Items = new EquatableArray<long>(items) };

    /// <summary>The integers of a list (<see cref="ValueKind.Ints"/>).</summary>
    public EquatableArray<long> Items { get; init; }

    public double AsFloat => Kind == ValueKind.Int ? Int : Float;

    public (long, long) AsPair => Kind == ValueKind.Pair ? (Int, Second) : (Int, Int);

    public override string ToString() => Kind switch
    {
        ValueKind.Int => Int.ToString(CultureInfo.InvariantCulture),
        ValueKind.Float => Float.ToString("R", CultureInfo.InvariantCulture),
        ValueKind.Bool => Bool ? "true" : "false",
        ValueKind.Symbol => Symbol ?? "",
        ValueKind.Pair => $"({Int}, {Second})",
        ValueKind.Ints => "(" + string.Join(", ", Items.Select(i => i.ToString(CultureInfo.InvariantCulture))) + ")",
        _ => "?",
    };
}
