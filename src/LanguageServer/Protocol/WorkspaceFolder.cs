namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>WorkspaceFolder</c>.</summary>
public sealed record WorkspaceFolder(string Uri, string Name);
