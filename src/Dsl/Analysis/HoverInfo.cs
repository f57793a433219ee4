using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>What a hover shows (markdown) and the range it describes.</summary>
public sealed record HoverInfo(TextRange Range, string Markdown);
