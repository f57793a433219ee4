namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>WorkspaceEdit</c>: edits by document URI.</summary>
public sealed record WorkspaceEdit(System.Collections.Generic.Dictionary<string, TextEdit[]> Changes);
