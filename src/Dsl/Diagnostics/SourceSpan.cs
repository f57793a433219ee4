namespace NetDsl.Diagnostics;

/// <summary>
/// A range of characters in one source file. Lines and columns are zero-based (as Roslyn's
/// <c>LinePosition</c>); messages print them one-based.
/// </summary>
public readonly record struct SourceSpan(string Path, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public int End => Start + Length;

    public override string ToString() => $"{Path}({StartLine + 1},{StartColumn + 1})";
}
