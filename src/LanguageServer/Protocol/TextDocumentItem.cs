namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>TextDocumentItem</c>: an opened document and its text.</summary>
public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);
