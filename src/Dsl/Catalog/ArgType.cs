namespace NetDsl.Catalog;

public enum ArgType
{
    Int,
    Float,
    Bool,
    /// <summary>An integer (both sides) or a pair <c>(h, w)</c>.</summary>
    Pair,
    /// <summary>An integer, a pair, <c>same</c> or <c>valid</c>.</summary>
    Padding,
    /// <summary>A list of integers: one integer, a tuple <c>(1, 2, 0)</c>, or, for a variadic argument, the rest of the positional arguments.</summary>
    Ints,
}
