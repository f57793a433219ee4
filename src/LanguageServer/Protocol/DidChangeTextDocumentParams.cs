namespace NetDsl.LanguageServer.Protocol;

/// <summary><c>textDocument/didChange</c>: changes applied in order.</summary>
public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, TextDocumentContentChangeEvent[] ContentChanges);
