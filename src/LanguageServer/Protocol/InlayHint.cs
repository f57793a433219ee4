namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>InlayHint</c>; kind 1 is a type.</summary>
public sealed record InlayHint(Position Position, string Label, int Kind, MarkupContent Tooltip, bool PaddingLeft);
