using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>
/// Something a <c>.net</c> file declares and names. <see cref="NameRange"/> is its name where it is declared (for a
/// label <c>name*</c>, without the star); <see cref="Range"/> is all it spans (a group's label spans the group).
/// <see cref="Declaration"/> is the network or block it belongs to (null for a network or block itself).
/// </summary>
public sealed record Symbol(SymbolKind Kind, string Name, string Path, TextRange NameRange, TextRange Range, string? Declaration);
