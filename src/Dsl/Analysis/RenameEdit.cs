using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>One replacement of a rename: the name at <see cref="Range"/> of the file <see cref="Path"/> becomes <see cref="NewText"/>.</summary>
public sealed record RenameEdit(string Path, TextRange Range, string NewText);
