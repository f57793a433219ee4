namespace NetDsl.Analysis;

public enum CompletionKind
{
    Op,
    Block,
    Merge,
    Keyword,
    Value,
    Parameter,

    /// <summary>A named argument of an op or block call: <c>stride:</c>.</summary>
    Argument,

    /// <summary>A size of a tensor value: <c>.channels</c>.</summary>
    Member,
}
