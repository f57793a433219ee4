namespace NetDsl;

/// <summary>What a value's elements are: floats (activations, the default) or token ids (integers an embedding looks up).</summary>
public enum ElementKind
{
    Float,

    /// <summary>Token ids, from an input declared <c>input tokens [t]</c>: structural ops pass them on, ops that compute refuse them.</summary>
    Id,
}
