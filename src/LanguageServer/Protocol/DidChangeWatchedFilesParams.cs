namespace NetDsl.LanguageServer.Protocol;

/// <summary><c>workspace/didChangeWatchedFiles</c>.</summary>
public sealed record DidChangeWatchedFilesParams(FileEvent[] Changes);
