using NetDsl.Collections;
using NetDsl.Semantics;

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
/// <param name="Layers">How many layers a network unit may have (its share of the project's budget); null: a network's own limit.</param>
public sealed record CompileUnit(UnitKind Kind, string Name, EquatableArray<SyntaxUnit> Files, LayerLimit? Layers = null);
