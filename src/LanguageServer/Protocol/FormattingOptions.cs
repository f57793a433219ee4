namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>FormattingOptions</c>; the canonical layout ignores them (two spaces, see docs/editor.md).</summary>
public sealed record FormattingOptions(int TabSize, bool InsertSpaces);
