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
}
