namespace NetDsl.Semantics;

/// <summary>The static type of an expression. Types never depend on parameter values, so a block is typed once.</summary>
public enum ValueKind
{
    Error,
    Int,
    Float,
    Bool,
    /// <summary>A bare word such as <c>same</c> or <c>valid</c>.</summary>
    Symbol,
    /// <summary>Two integers, <c>(1, 7)</c>.</summary>
    Pair,
    /// <summary>A list of integers, <c>(1, 2, 0)</c> (an op's list argument).</summary>
    Ints,
    Tensor,
    /// <summary>Several tensors: a tuple <c>(a, b)</c> or the copies made by <c>parallel</c>.</summary>
    Tensors,
    /// <summary>An op or block not yet applied to a value.</summary>
    Layer,
}

public static class ValueKinds
{
    public static string Describe(this ValueKind kind) => kind switch
    {
        ValueKind.Int => "an integer",
        ValueKind.Float => "a float",
        ValueKind.Bool => "a bool",
        ValueKind.Symbol => "a word",
        ValueKind.Pair => "a pair of integers",
        ValueKind.Ints => "a list of integers",
        ValueKind.Tensor => "a tensor",
        ValueKind.Tensors => "several tensors",
        ValueKind.Layer => "a layer",
        _ => "an invalid value",
    };

    public static bool IsScalar(this ValueKind kind) => kind is ValueKind.Int or ValueKind.Float or ValueKind.Bool or ValueKind.Symbol or ValueKind.Pair or ValueKind.Ints;
}
