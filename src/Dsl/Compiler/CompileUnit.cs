using NetDsl.Collections;

namespace NetDsl.Compiler;

public enum UnitKind
{
    Network,
    Block,
    /// <summary>The helpers file every project with a network or block gets.</summary>
    Support,
}

/// <summary>
/// One independently compiled piece of a project: a network or block, with the files that declare it and every
/// block it reaches. Value-equatable: an edit elsewhere leaves it equal, so an incremental pipeline skips it.
/// </summary>
public sealed record CompileUnit(UnitKind Kind, string Name, EquatableArray<SyntaxUnit> Files);
