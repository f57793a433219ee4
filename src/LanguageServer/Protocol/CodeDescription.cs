namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>CodeDescription</c>: where a diagnostic ID is documented.</summary>
public sealed record CodeDescription(string Href);
