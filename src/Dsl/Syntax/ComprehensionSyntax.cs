namespace NetDsl.Syntax;

/// <summary>
/// <c>B(i) for i in n</c>: <c>n</c> chained copies of a layer, each with its own 0-based <see cref="Index"/> in its arguments,
/// as a Python comprehension gives each element its own index.
/// </summary>
public sealed record ComprehensionSyntax(ExpressionSyntax Value, string Index, TextRange IndexRange, ExpressionSyntax Count, TextRange Range) : ExpressionSyntax(Range);
