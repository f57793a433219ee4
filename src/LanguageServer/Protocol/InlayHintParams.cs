namespace NetDsl.LanguageServer.Protocol;

/// <summary><c>textDocument/inlayHint</c>: hints for the visible range.</summary>
public sealed record InlayHintParams(TextDocumentIdentifier TextDocument, Range Range);
