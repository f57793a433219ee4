namespace NetDsl.Semantics;

/// <summary>
/// How a network output's <see cref="OutputKind"/> is known: fixed by the declaration, or chosen by a condition of the
/// network's own scope (<c>softmax if probabilities</c>), which the generated constructor evaluates for its arguments.
/// </summary>
internal abstract record OutputKindSource;
