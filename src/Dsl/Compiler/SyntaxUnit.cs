using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Compiler;

/// <summary>
/// Declarations produced by another front-end: <paramref name="Syntax"/> whose ranges are offsets into
/// <paramref name="Text"/>, the file at <paramref name="Path"/> (for the attribute front-end, the C# file), and the
/// diagnostics that front-end found while reading it.
/// </summary>
public sealed record SyntaxUnit(string Path, string Text, FileSyntax Syntax, EquatableArray<DslDiagnostic> Diagnostics);
