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
    private static readonly Scalar[] NoOperands = new Scalar[0];

    /// <summary>The expressions this one is computed from, left to right (none for a leaf).</summary>
    public virtual IReadOnlyList<Scalar> Operands => NoOperands;

    /// <summary>This expression over other <paramref name="operands"/>, in the order of <see cref="Operands"/>.</summary>
    protected virtual Scalar WithOperands(IReadOnlyList<Scalar> operands) => this;

    /// <summary>The sizes of tensor values this expression reads (<c>input.channels</c>, ...), left to right.</summary>
    public IEnumerable<DimensionScalar> Dimensions()
    {
        var pending = new Stack<Scalar>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var scalar = pending.Pop();
            if (scalar is DimensionScalar d) yield return d;
            var operands = scalar.Operands;
            for (var i = operands.Count - 1; i >= 0; i--) pending.Push(operands[i]);
        }
    }

    /// <summary>This expression with every size it reads replaced by <paramref name="replace"/>'s result; the rest is kept.</summary>
    public Scalar WithDimensions(Func<DimensionScalar, Scalar> replace) => Replace(s => s is DimensionScalar d ? replace(d) : null);

    /// <summary>Whether a part of this expression is <paramref name="match"/>.</summary>
    public bool Contains(Func<Scalar, bool> match)
    {
        if (match(this)) return true;
        foreach (var operand in Operands)
        {
            if (operand.Contains(match)) return true;
        }
        return false;
    }

    /// <summary>This expression with each part for which <paramref name="replace"/> gives a scalar replaced by it (outermost first).</summary>
    public Scalar Replace(Func<Scalar, Scalar?> replace)
    {
        if (replace(this) is { } replaced) return replaced;
        var operands = Operands;
        if (operands.Count == 0) return this;
        var changed = false;
        var next = new Scalar[operands.Count];
        for (var i = 0; i < next.Length; i++)
        {
            next[i] = operands[i].Replace(replace);
            changed |= !ReferenceEquals(next[i], operands[i]);
        }
        return changed ? WithOperands(next) : this;
    }
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
public sealed record ListScalar(EquatableArray<Scalar> Items, TextRange Range) : Scalar(ValueKind.Ints, Range)
{
    public override IReadOnlyList<Scalar> Operands => Items;

    protected override Scalar WithOperands(IReadOnlyList<Scalar> operands) => this with { Items = operands.ToEquatableArray() };
}

public sealed record BinaryScalar(BinaryOperator Operator, Scalar Left, Scalar Right, ValueKind Type, TextRange OperatorRange, TextRange Range) : Scalar(Type, Range)
{
    public override IReadOnlyList<Scalar> Operands => new[] { Left, Right };

    protected override Scalar WithOperands(IReadOnlyList<Scalar> operands) => this with { Left = operands[0], Right = operands[1] };
}

public sealed record UnaryScalar(UnaryOperator Operator, Scalar Operand, ValueKind Type, TextRange Range) : Scalar(Type, Range)
{
    public override IReadOnlyList<Scalar> Operands => new[] { Operand };

    protected override Scalar WithOperands(IReadOnlyList<Scalar> operands) => this with { Operand = operands[0] };
}

public sealed record PairScalar(Scalar First, Scalar Second, TextRange Range) : Scalar(ValueKind.Pair, Range)
{
    public override IReadOnlyList<Scalar> Operands => new[] { First, Second };

    protected override Scalar WithOperands(IReadOnlyList<Scalar> operands) => this with { First = operands[0], Second = operands[1] };
}

/// <summary>An int converted where a float is expected (also <c>float(n)</c>).</summary>
public sealed record ToFloatScalar(Scalar Operand) : Scalar(ValueKind.Float, Operand.Range)
{
    public override IReadOnlyList<Scalar> Operands => new[] { Operand };

    protected override Scalar WithOperands(IReadOnlyList<Scalar> operands) => new ToFloatScalar(operands[0]);
}
