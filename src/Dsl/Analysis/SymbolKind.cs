namespace NetDsl.Analysis;

public enum SymbolKind
{
    Network,
    Block,
    Parameter,

    /// <summary>A block's named input (<c>input x, prev</c>).</summary>
    Input,

    /// <summary>A tensor or number named by <c>name = ...</c>.</summary>
    Value,

    /// <summary>A child's label: <c>features: ...</c>, <c>denselayer*: ...</c>.</summary>
    Label,
}
