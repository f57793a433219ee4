namespace NetDsl.Compiler;

/// <summary>One generated C# file; <see cref="HintName"/> is unique within a compilation and ends in <c>.g.cs</c>.</summary>
public sealed record GeneratedSource(string HintName, string Text);
