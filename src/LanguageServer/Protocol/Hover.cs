namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>Hover</c>.</summary>
public sealed record Hover(MarkupContent Contents, Range Range);
