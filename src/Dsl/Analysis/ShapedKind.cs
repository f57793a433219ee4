namespace NetDsl.Analysis;

/// <summary>What a <see cref="ShapedSite"/> is in the source.</summary>
public enum ShapedKind
{
    /// <summary>An op or block applied (a repetition is one site: its output is the last copy's).</summary>
    Layer,

    /// <summary><c>concat</c>, <c>add</c>, <c>mul</c>, <c>a + b</c>, <c>a * b</c>.</summary>
    Merge,

    /// <summary>A function on a value (<c>x.permute(1, 0)</c>, <c>x[0]</c>, <c>x * 0.17</c>): no child, no index.</summary>
    Function,

    /// <summary>A group <c>label: (...)</c>, <c>{ ... }</c> or <c>parallel n { ... }</c>.</summary>
    Group,

    /// <summary><c>a if c else b</c>: the value of the branch taken.</summary>
    Select,

    /// <summary>A tensor named by <c>name = ...</c>, or a block's named input.</summary>
    Value,

    /// <summary>A number named by <c>name = ...</c>.</summary>
    Number,

    /// <summary>A parameter of a network or block: its value for each call.</summary>
    Parameter,
}
