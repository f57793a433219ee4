namespace NetDsl.LanguageServer.Protocol;

/// <summary>One change of <c>textDocument/didChange</c>: the range replaced, or the whole text when <see cref="Range"/> is null.</summary>
public sealed record TextDocumentContentChangeEvent(Range? Range, string Text);
