namespace NetDsl.LanguageServer.Protocol;

/// <summary><c>textDocument/documentSymbol</c>.</summary>
public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);
