namespace NetDsl.Semantics;

/// <summary>One part of a <see cref="LabelTemplate"/>: literal <see cref="Text"/>, or an integer <see cref="Value"/>.</summary>
public sealed record LabelPart(string? Text, Scalar? Value);
