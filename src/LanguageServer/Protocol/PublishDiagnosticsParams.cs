namespace NetDsl.LanguageServer.Protocol;

/// <summary><c>textDocument/publishDiagnostics</c>.</summary>
public sealed record PublishDiagnosticsParams(string Uri, int? Version, Diagnostic[] Diagnostics);
