namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>ParameterInformation</c>: the parameter's place in the signature's label, as [start, end].</summary>
public sealed record ParameterInformation(int[] Label, MarkupContent Documentation);
