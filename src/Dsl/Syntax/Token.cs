namespace NetDsl.Syntax;

/// <summary>A token: its kind, its text and where it starts (character offset) and how long it is.</summary>
public readonly record struct Token(TokenKind Kind, string Text, int Start, int Length)
{
    public int End => Start + Length;
}
