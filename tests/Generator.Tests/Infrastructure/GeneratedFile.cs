namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>One file the generator added, as Roslyn reports it.</summary>
public sealed record GeneratedFile(string HintName, string Text);
