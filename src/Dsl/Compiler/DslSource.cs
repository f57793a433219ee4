namespace NetDsl.Compiler;

/// <summary>The text of one <c>.net</c> file.</summary>
public sealed record DslSource(string Path, string Text);
