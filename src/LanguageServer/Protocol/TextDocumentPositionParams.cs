namespace NetDsl.LanguageServer.Protocol;

/// <summary>A document and a position: hover, definition, completion, prepareRename.</summary>
public sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);
