namespace NetDsl.Generator.FrontEnd;

/// <summary>What a NetDsl attribute on a member or class is.</summary>
internal enum AttributeKind
{
    /// <summary>Not a NetDsl attribute.</summary>
    None,
    Op,
    Call,
    Layers,
    Label,
    Parameter,
    Output,
    Network,
    Block,
}
