namespace NetDsl.Syntax;

/// <summary>
/// One part of a template label (<c>"encoder_layer_{i}"</c>): literal <see cref="Text"/>, or an integer
/// <see cref="Expression"/> of the copy index and the parameters.
/// </summary>
public sealed record LabelPartSyntax(string? Text, ExpressionSyntax? Expression, TextRange Range);
