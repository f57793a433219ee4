namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>CompletionList</c>.</summary>
public sealed record CompletionList(bool IsIncomplete, CompletionItem[] Items);
