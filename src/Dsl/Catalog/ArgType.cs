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
    /// <summary>One of the words the argument lists (<see cref="ArgSpec.Words"/>): <c>stochastic_depth(0.1, mode: batch)</c>.</summary>
    Word,
    /// <summary>
    /// A parameter of an earlier layer of the same scope, by its path: <c>transformer.wte.weight</c> (tied weights). The
    /// layer uses that parameter as its own; its value is the path, a word.
    /// </summary>
    Reference,
}
