using NetDsl.Semantics;

namespace NetDsl.Catalog;

/// <summary>Shorthands for argument lists in catalog entries.</summary>
internal static class Args
{
    public static ArgSpec Int(string name) => new(name, ArgType.Int);

    public static ArgSpec Int(string name, long value) => new(name, ArgType.Int, ScalarValue.OfInt(value));

    public static ArgSpec Float(string name) => new(name, ArgType.Float);

    public static ArgSpec Float(string name, double value) => new(name, ArgType.Float, ScalarValue.OfFloat(value));

    public static ArgSpec Bool(string name, bool value) => new(name, ArgType.Bool, ScalarValue.OfBool(value));

    public static ArgSpec Pair(string name) => new(name, ArgType.Pair);

    public static ArgSpec Pair(string name, long value) => new(name, ArgType.Pair, ScalarValue.OfInt(value));

    public static ArgSpec PairFrom(string name, string from) => new(name, ArgType.Pair, DefaultFrom: from);

    public static ArgSpec Padding(long value) => new("padding", ArgType.Padding, ScalarValue.OfInt(value));

    /// <summary>A list of integers made of the rest of the positional arguments (<c>permute(1, 2, 0)</c>).</summary>
    public static ArgSpec Rest(string name) => new(name, ArgType.Ints, Variadic: true);

    /// <summary>A list of integers: one, or a tuple (<c>split((16, 48))</c>).</summary>
    public static ArgSpec Ints(string name) => new(name, ArgType.Ints);

    /// <summary>One of <paramref name="words"/>, written bare; the first is the default (<c>mode: row</c>).</summary>
    public static ArgSpec Word(string name, params string[] words) =>
        new(name, ArgType.Word, ScalarValue.OfSymbol(words[0])) { Words = new Collections.EquatableArray<string>(words) };

    /// <summary>A parameter of an earlier layer, by path, that this layer uses as its own (tied weights); may be left out.</summary>
    public static ArgSpec Reference(string name) => new(name, ArgType.Reference, Optional: true);

    /// <summary>A list of integers that may be left out (<c>layer_norm</c>'s normalised shape: inferred).</summary>
    public static ArgSpec OptionalInts(string name) => new(name, ArgType.Ints, Optional: true);

    /// <summary>An integer that may be left out (<c>slice</c>'s stop: to the end).</summary>
    public static ArgSpec OptionalInt(string name) => new(name, ArgType.Int, Optional: true);
}
