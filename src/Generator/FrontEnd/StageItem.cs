using NetDsl.Collections;
using NetDsl.Syntax;

namespace NetDsl.Generator.FrontEnd;

/// <summary>
/// One layer attribute of a stage, as <c>.net</c> syntax: an expression that takes part in the stage's pipeline
/// (<see cref="Expression"/>), or the statements of a <c>[Layers]</c> string of several (<see cref="Statements"/>).
/// </summary>
internal sealed record StageItem(ExpressionSyntax? Expression, EquatableArray<StatementSyntax>? Statements, TextRange Range);
