namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>SignatureInformation</c>.</summary>
public sealed record SignatureInformation(string Label, MarkupContent Documentation, ParameterInformation[] Parameters);
