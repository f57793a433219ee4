using NetDsl.Syntax;

namespace NetDsl.Generator.FrontEnd;

/// <summary>
/// An attribute argument as a <c>.net</c> expression: the node, its <c>.net</c> spelling for the layer's text, and
/// whether the compiler reads its source text (a tensor size such as <c>input.channels</c> in a string).
/// </summary>
internal sealed record ArgumentValue(ExpressionSyntax Node, string Text, bool ReadsSourceText);
