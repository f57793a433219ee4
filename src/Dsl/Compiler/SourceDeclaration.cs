using System.Collections.Generic;
using NetDsl.Diagnostics;

namespace NetDsl.Compiler;

/// <summary>
/// One network of a set of <c>.net</c> files as a generated instance would carry it (<see cref="DeclaredNetworks.FromSources"/>):
/// its declaration with the arguments asked for, or null with the build's diagnostics and the tool-level problems
/// (no such network, an argument that is not a number or a bool) that say why not.
/// </summary>
public sealed record SourceDeclaration(NetworkDeclaration? Declaration, IReadOnlyList<DslDiagnostic> Diagnostics, IReadOnlyList<string> Errors);
