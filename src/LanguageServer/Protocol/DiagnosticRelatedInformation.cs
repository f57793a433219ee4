namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>DiagnosticRelatedInformation</c>: for a problem inside a block, a call site.</summary>
public sealed record DiagnosticRelatedInformation(Location Location, string Message);
