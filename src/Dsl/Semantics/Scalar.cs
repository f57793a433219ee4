using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Collections;
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
                case ListScalar l:
                    for (var i = l.Items.Count - 1; i >= 0; i--) pending.Push(l.Items[i]);
                    break;
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
        ListScalar l => l with { Items = l.Items.Select(item => item.WithDimensions(replace)).ToEquatableArray() },
        _ => this,
    };
}

public sealed record ConstantScalar(ScalarValue Value, TextRange Range) : Scalar(Value.Kind, Range);

public sealed record ParameterScalar(string Name, ValueKind Type, TextRange Range) : Scalar(Type, Range);

/// <summary>What a size read asks of a tensor value.</summary>
public enum SizeQuery
{
    /// <summary><c>x.channels</c>: axis 0 of a map <c>[C, H, W]</c>, a vector's length.</summary>
    Channels,
    /// <summary><c>x.height</c>: axis 1 of a map (1 for a vector).</summary>
    Height,
    /// <summary><c>x.width</c>: axis 2 of a map (1 for a vector).</summary>
    Width,
    /// <summary><c>x.size(i)</c>: any axis, negative counting from the last.</summary>
    Size,
    /// <summary><c>x.rank</c>: the number of axes.</summary>
    Rank,
}

/// <summary>
/// A size of a tensor value of the scope (or, when <see cref="Outer"/>, of the root scope): <c>x.channels</c>,
/// <c>x.height</c>, <c>x.width</c>, <c>x.size(i)</c> (<see cref="Axis"/>) or <c>x.rank</c>.
/// </summary>
public sealed record DimensionScalar(int Value, SizeQuery Query, int Axis, string Text, bool Outer, TextRange Range) : Scalar(ValueKind.Int, Range);

/// <summary>A list of integers, an op's list argument: <c>permute(1, 2, 0)</c>.</summary>
public sealed record ListScalar(EquatableArray<Scalar> Items, TextRange Range) : Scalar(ValueKind.Ints, Range);

public sealed record BinaryScalar(BinaryOperator Operator, Scalar Left, Scalar Right, ValueKind Type, TextRange OperatorRange, TextRange Range) : Scalar(Type, Range);

public sealed record UnaryScalar(UnaryOperator Operator, Scalar Operand, ValueKind Type, TextRange Range) : Scalar(Type, Range);

public sealed record PairScalar(Scalar First, Scalar Second, TextRange Range) : Scalar(ValueKind.Pair, Range);

/// <summary>An int converted where a float is expected.</summary>
public sealed record ToFloatScalar(Scalar Operand) : Scalar(ValueKind.Float, Operand.Range);
