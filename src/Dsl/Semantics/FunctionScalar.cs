using System.Collections.Generic;
using NetDsl.Collections;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// <c>max(a, b, ...)</c>, <c>min(...)</c> (of the argument type: ints, or floats when any is a float), or <c>round</c>,
/// <c>ceil</c>, <c>floor</c>, <c>int</c> of a float (an int). Evaluated and emitted through <see cref="Dsl"/>.
/// </summary>
public sealed record FunctionScalar(NumberFunction Function, EquatableArray<Scalar> Arguments, ValueKind Type, TextRange Range) : Scalar(Type, Range)
{
    public override IReadOnlyList<Scalar> Operands => Arguments;

    protected override Scalar WithOperands(IReadOnlyList<Scalar> operands) => this with { Arguments = operands.ToEquatableArray() };
}
