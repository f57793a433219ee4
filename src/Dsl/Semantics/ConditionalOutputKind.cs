namespace NetDsl.Semantics;

/// <summary>
/// <see cref="WhenTrue"/> where <see cref="Condition"/> holds, else <see cref="WhenFalse"/>. The condition reads only
/// the network's parameters and the sizes of its own values, so its constructor can evaluate it.
/// </summary>
internal sealed record ConditionalOutputKind(Scalar Condition, OutputKindSource WhenTrue, OutputKindSource WhenFalse) : OutputKindSource;
