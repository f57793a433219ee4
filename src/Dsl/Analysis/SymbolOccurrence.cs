using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>Where a symbol's name is written: its declaration, or a use (a call, a value read, a named argument).</summary>
public sealed record SymbolOccurrence(Symbol Symbol, string Path, TextRange Range, bool IsDefinition);
