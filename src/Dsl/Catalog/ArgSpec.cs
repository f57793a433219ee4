using NetDsl.Semantics;

namespace NetDsl.Catalog;

/// <summary>
/// One argument of an op. <see cref="Default"/> null means required, unless <see cref="DefaultFrom"/> names the
/// argument whose value it copies (a pool's stride defaults to its kernel). <see cref="Optional"/> arguments may be
/// absent altogether (<c>linear(in:)</c>, the stop of <c>slice</c>). A <see cref="Variadic"/> argument (a list of integers)
/// takes every positional argument from its position on: <c>permute(1, 2, 0)</c>, <c>reshape(-1, 12, 64)</c>. A
/// <see cref="ArgType.Word"/> argument takes one of its <see cref="Words"/>, written bare (<c>mode: row</c>).
/// </summary>
public sealed record ArgSpec(string Name, ArgType Type, ScalarValue? Default = null, string? DefaultFrom = null, bool Optional = false, bool Variadic = false)
{
    public bool Required => Default is null && DefaultFrom is null && !Optional;

    /// <summary>The words a <see cref="ArgType.Word"/> argument takes; empty for other types.</summary>
    public Collections.EquatableArray<string> Words { get; init; } = Collections.EquatableArray<string>.Empty;
}
