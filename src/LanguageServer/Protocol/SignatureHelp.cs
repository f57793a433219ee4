namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>SignatureHelp</c>: one signature; <see cref="ActiveParameter"/> -1 when the caret is past the last.</summary>
public sealed record SignatureHelp(SignatureInformation[] Signatures, int ActiveSignature, int ActiveParameter);
