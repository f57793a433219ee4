using System.Collections.Generic;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>What an expression lowers to before it is used: a scalar, tensor value(s), an unapplied layer, or an error.</summary>
internal abstract record Lowered(TextRange Range);

internal sealed record LoweredScalar(Scalar Scalar) : Lowered(Scalar.Range);

/// <summary>One or more tensor values of the current scope (a tuple <c>(a, b)</c> is several).</summary>
internal sealed record LoweredValues(IReadOnlyList<int> Ids, TextRange Range) : Lowered(Range);

internal sealed record LoweredLayer(LayerCall Call, string? Label, TextRange LabelRange, Scalar? Condition, Scalar? Repeat, TextRange Range) : Lowered(Range)
{
    /// <summary>See <see cref="ApplyInstruction.Template"/>.</summary>
    public LabelTemplate? Template { get; init; }

    /// <summary>See <see cref="ApplyInstruction.ContinuesIndexes"/>.</summary>
    public bool ContinuesIndexes { get; init; }

    /// <summary>See <see cref="ApplyInstruction.ArgumentsReadIndex"/>; set by a comprehension, the only place an index is read.</summary>
    public bool ArgumentsReadIndex { get; init; }

    /// <summary>See <see cref="ApplyInstruction.DeclaredAt"/>; set by <c>name = layer(...)</c>.</summary>
    public int? DeclaredAt { get; init; }
}

/// <summary>A parenthesised tuple whose items are still to be resolved as a pair of integers or as several values.</summary>
internal sealed record LoweredTuple(IReadOnlyList<Lowered> Items, TextRange Range) : Lowered(Range);

internal sealed record LoweredError(TextRange Range) : Lowered(Range);
