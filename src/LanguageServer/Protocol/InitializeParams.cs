namespace NetDsl.LanguageServer.Protocol;

/// <summary><c>initialize</c>: the parts the server reads.</summary>
public sealed record InitializeParams(int? ProcessId, string? RootUri, WorkspaceFolder[]? WorkspaceFolders);
