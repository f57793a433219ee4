namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>DocumentSymbol</c>: a symbol with the symbols inside it.</summary>
public sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, DocumentSymbol[] Children);
