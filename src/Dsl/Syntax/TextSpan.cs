namespace NetDsl.Syntax;

/// <summary>A character range in one file's text.</summary>
public readonly record struct TextRange(int Start, int Length)
{
    public int End => Start + Length;

    public static TextRange FromBounds(int start, int end) => new(start, end < start ? 0 : end - start);

    public TextRange Cover(TextRange other) => FromBounds(System.Math.Min(Start, other.Start), System.Math.Max(End, other.End));
}
