using NetDsl.Collections;
using NetDsl.Diagnostics;

namespace NetDsl.Compiler;

/// <summary>Everything the compiler produced for a set of sources. Value-equatable so it caches in incremental pipelines.</summary>
public sealed record CompilationOutput(EquatableArray<GeneratedSource> Sources, EquatableArray<DslDiagnostic> Diagnostics);
