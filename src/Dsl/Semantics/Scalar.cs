using System;
using System.Collections.Generic;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// A scalar expression in the IR, kept symbolic: the checker evaluates it for declared values, the emitter
/// writes it as C# over constructor parameters.
/// </summary>
public abstract record Scalar(ValueKind Kind, TextRange Range)
{
    /// <summary>The sizes of tensor values this expression reads (<c>input.channels</c>, ...), left to right.</summary>
    public IEnumerable<DimensionScalar> Dimensions()
    {
        var pending = new Stack<Scalar>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case DimensionScalar d: yield return d; break;
                case BinaryScalar b: pending.Push(b.Right); pending.Push(b.Left); break;
                case UnaryScalar u: pending.Push(u.Operand); break;
                case PairScalar p: pending.Push(p.Second); pending.Push(p.First); break;
                case ToFloatScalar f: pending.Push(f.Operand); break;
            }
        }
    }

    /// <summary>This expression with every size it reads replaced by <paramref name="replace"/>'s result; the rest is kept.</summary>
    public Scalar WithDimensions(Func<DimensionScalar, Scalar> replace) => this switch
    {
        DimensionScalar d => replace(d),
        BinaryScalar b => b with { Left = b.Left.WithDimensions(replace), Right = b.Right.WithDimensions(replace) },
        UnaryScalar u => u with { Operand = u.Operand.WithDimensions(replace) },
        PairScalar p => p with { First = p.First.WithDimensions(replace), Second = p.Second.WithDimensions(replace) },
        ToFloatScalar f => new ToFloatScalar(f.Operand.WithDimensions(replace)),
        _ => this,
    };
}

public sealed record ConstantScalar(ScalarValue Value, TextRange Range) : Scalar(Value.Kind, Range);

public sealed record ParameterScalar(string Name, ValueKind Type, TextRange Range) : Scalar(Type, Range);

/// <summary><c>value.channels</c> (axis 0), <c>.height</c> (1), <c>.width</c> (2) of a tensor value of the scope.</summary>
public sealed record DimensionScalar(int Value, int Axis, string Text, bool Outer, TextRange Range) : Scalar(ValueKind.Int, Range);

public sealed record BinaryScalar(BinaryOperator Operator, Scalar Left, Scalar Right, ValueKind Type, TextRange OperatorRange, TextRange Range) : Scalar(Type, Range);

public sealed record UnaryScalar(UnaryOperator Operator, Scalar Operand, ValueKind Type, TextRange Range) : Scalar(Type, Range);

public sealed record PairScalar(Scalar First, Scalar Second, TextRange Range) : Scalar(ValueKind.Pair, Range);

/// <summary>An int converted where a float is expected.</summary>
public sealed record ToFloatScalar(Scalar Operand) : Scalar(ValueKind.Float, Operand.Range);
