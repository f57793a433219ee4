namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>Diagnostic</c>; severity 1 error, 2 warning, 3 information.</summary>
public sealed record Diagnostic(Range Range, int Severity, string Code, CodeDescription CodeDescription, string Source, string Message, DiagnosticRelatedInformation[] RelatedInformation);
