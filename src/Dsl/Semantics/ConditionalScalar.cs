using System.Collections.Generic;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary><c>a if condition else b</c> on numbers or bools; only the branch taken is evaluated, as in Python.</summary>
public sealed record ConditionalScalar(Scalar Condition, Scalar WhenTrue, Scalar WhenFalse, ValueKind Type, TextRange Range) : Scalar(Type, Range)
{
    public override IReadOnlyList<Scalar> Operands => new[] { Condition, WhenTrue, WhenFalse };

    protected override Scalar WithOperands(IReadOnlyList<Scalar> operands) => this with { Condition = operands[0], WhenTrue = operands[1], WhenFalse = operands[2] };
}
