namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>ReferenceContext</c>.</summary>
public sealed record ReferenceContext(bool IncludeDeclaration);
