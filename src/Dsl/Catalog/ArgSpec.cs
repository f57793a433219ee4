using NetDsl.Semantics;

namespace NetDsl.Catalog;

/// <summary>
/// One argument of an op. <see cref="Default"/> null means required, unless <see cref="DefaultFrom"/> names the
/// argument whose value it copies (a pool's stride defaults to its kernel). <see cref="Optional"/> arguments may be
/// absent altogether (<c>linear(in:)</c>, the extra sizes of <c>reshape</c>).
/// </summary>
public sealed record ArgSpec(string Name, ArgType Type, ScalarValue? Default = null, string? DefaultFrom = null, bool Optional = false)
{
    public bool Required => Default is null && DefaultFrom is null && !Optional;
}
