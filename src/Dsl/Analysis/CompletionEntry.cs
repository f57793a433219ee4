using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>
/// One completion: <see cref="InsertText"/> replaces <see cref="Replace"/> (the part of a name already typed). A
/// snippet's insert text has <c>${1:name}</c> placeholders for the required arguments.
/// </summary>
public sealed record CompletionEntry(string Label, CompletionKind Kind, string Detail, string Documentation, string InsertText, bool IsSnippet, TextRange Replace);
