using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Generator.FrontEnd;

/// <summary>
/// What the C# front-end read from one <c>[Network]</c> or <c>[Block]</c> class: plain, value-equatable data (no symbol,
/// syntax node or location), so it caches across edits.
/// </summary>
/// <param name="Path">The C# file.</param>
/// <param name="Name">The class's name (the network or block name).</param>
/// <param name="Position">Where the class starts in the file, for a stable order.</param>
/// <param name="Text">
/// The unit text the compiler reads: the file up to the end of the class, with everything the compiler does not need
/// blanked (newlines kept, so lines and columns stay the file's) and the <c>.net</c> spelling of layer attributes
/// written over them (<see cref="Overlays"/>).
/// </param>
/// <param name="Syntax">
/// The declaration lowered to the syntax tree of the <c>.net</c> language, its ranges offsets into the C# file; null
/// when the class cannot take generated code (not partial, generic, ...).
/// </param>
/// <param name="Overlays">The layer texts written over their attributes.</param>
/// <param name="Diagnostics">What the front-end found wrong, located in the C# file.</param>
/// <param name="NameSpan">The class's identifier, where class-level problems found later are reported.</param>
internal sealed record CSharpDeclaration(
    string Path,
    string Name,
    DeclarationKind Kind,
    int Position,
    string Text,
    DeclarationSyntax? Syntax,
    EquatableArray<CallOverlay> Overlays,
    EquatableArray<DslDiagnostic> Diagnostics,
    SourceSpan NameSpan);
