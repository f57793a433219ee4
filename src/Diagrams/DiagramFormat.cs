namespace NetDsl.Diagrams;

/// <summary>The files a diagram is written as.</summary>
[System.Flags]
public enum DiagramFormat
{
    /// <summary><c>Name.svg</c>, laid out by MSAGL; block boxes link to their own SVG.</summary>
    Svg = 1,

    /// <summary><c>Name.mmd</c>, Mermaid text for Markdown.</summary>
    Mermaid = 2,
}
