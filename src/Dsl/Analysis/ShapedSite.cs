using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>
/// A place in a file that has a shape (or a number) once its network is checked: a layer, a merge, a group, a named
/// value or a parameter. <see cref="Range"/> is the whole construct (inlay hints go where it ends);
/// <see cref="NameRange"/> is the token a hover answers on (an op's name, a label, a value's name).
/// </summary>
public sealed record ShapedSite(ShapedKind Kind, string Name, TextRange Range, TextRange NameRange);
