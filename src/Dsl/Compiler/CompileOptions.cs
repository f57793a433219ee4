namespace NetDsl.Compiler;

/// <summary>How generated code is shaped. <see cref="Namespace"/> holds every generated network and block class.</summary>
public sealed record CompileOptions(string Namespace);
