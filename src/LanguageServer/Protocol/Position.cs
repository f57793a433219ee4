namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>Position</c>: zero-based line and UTF-16 column (C# string indexes are UTF-16 too).</summary>
public sealed record Position(int Line, int Character);
