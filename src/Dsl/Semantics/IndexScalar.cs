using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// The 0-based index of a copy in a repetition: the <c>i</c> of <c>B(i) for i in n</c> and of a template label
/// <c>"layer{i}"</c>. The checker replaces it by each copy's index (<see cref="Scalar.Replace"/>); generated code reads
/// the loop variable that builds the copies.
/// </summary>
public sealed record IndexScalar(string Name, TextRange Range) : Scalar(ValueKind.Int, Range);
