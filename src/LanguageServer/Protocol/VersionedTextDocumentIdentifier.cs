namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>VersionedTextDocumentIdentifier</c>.</summary>
public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);
