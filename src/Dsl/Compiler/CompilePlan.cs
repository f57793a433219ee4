using NetDsl.Collections;
using NetDsl.Diagnostics;

namespace NetDsl.Compiler;

/// <summary>The units of a project and the diagnostics that concern the project as a whole (syntax, duplicate names, recursion).</summary>
public sealed record CompilePlan(EquatableArray<CompileUnit> Units, EquatableArray<DslDiagnostic> Diagnostics);
