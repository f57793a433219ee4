namespace NetDsl.Analysis;

/// <summary>A shape shown after the code of a line: <see cref="Offset"/> is where it goes (the end of the line's last token).</summary>
public sealed record InlayHint(int Offset, string Label, string Tooltip);
