namespace NetDsl.LanguageServer.Protocol;

/// <summary><c>textDocument/formatting</c>.</summary>
public sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument, FormattingOptions? Options);
