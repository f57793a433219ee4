namespace NetDsl.LanguageServer.Protocol;

/// <summary>One file of <c>workspace/didChangeWatchedFiles</c>: 1 created, 2 changed, 3 deleted.</summary>
public sealed record FileEvent(string Uri, int Type);
