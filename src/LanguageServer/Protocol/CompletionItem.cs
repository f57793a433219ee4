namespace NetDsl.LanguageServer.Protocol;

/// <summary>LSP <c>CompletionItem</c>; <see cref="InsertTextFormat"/> 2 is a snippet.</summary>
public sealed record CompletionItem(string Label, int Kind, string Detail, MarkupContent Documentation, TextEdit TextEdit, int InsertTextFormat, string SortText);
