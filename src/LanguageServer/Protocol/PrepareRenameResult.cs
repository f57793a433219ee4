namespace NetDsl.LanguageServer.Protocol;

/// <summary>The answer to <c>textDocument/prepareRename</c>: the range of the name and the name itself.</summary>
public sealed record PrepareRenameResult(Range Range, string Placeholder);
