using System;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>What the names in a scalar stand for while it is evaluated.</summary>
internal interface IScalarScope
{
    ScalarValue Parameter(string name);

    /// <summary>The shape of a tensor value of this scope or, when <paramref name="outer"/>, of the root scope; null when unknown.</summary>
    Shape? Shape(int value, bool outer);
}

/// <summary>
/// Evaluates symbolic scalars with Python's arithmetic, through the same <see cref="Dsl"/> functions generated code
/// calls: integer '/' and '%' floor, so -7 / 2 is -4. A float result that is infinite has no use as a size or an
/// argument and is reported at its operator (ND0211), as integer overflow is.
/// </summary>
internal static class ScalarEvaluator
{
    public static ScalarValue Evaluate(Scalar scalar, IScalarScope scope)
    {
        switch (scalar)
        {
            case ConstantScalar constant:
                return constant.Value;
            case ParameterScalar p:
                return scope.Parameter(p.Name);
            case ToFloatScalar toFloat:
                return ScalarValue.OfFloat(Evaluate(toFloat.Operand, scope).AsFloat);
            case PairScalar pair:
                return ScalarValue.OfPair(Evaluate(pair.First, scope).Int, Evaluate(pair.Second, scope).Int);
            case DimensionScalar dimension:
            {
                var value = scope.Shape(dimension.Value, dimension.Outer) ?? throw new ScalarEvaluationException(DiagnosticCatalog.InvalidArgumentValue, dimension.Range, $"'{dimension.Text}' has no size here") { Unknown = true };
                return ScalarValue.OfInt(Size(dimension, value));
            }
            case ListScalar list:
            {
                var items = new long[list.Items.Count];
                for (var i = 0; i < items.Length; i++) items[i] = Evaluate(list.Items[i], scope).Int;
                return ScalarValue.OfInts(items);
            }
            case UnaryScalar unary:
            {
                var operand = Evaluate(unary.Operand, scope);
                if (unary.Operator == UnaryOperator.Not) return ScalarValue.OfBool(!operand.Bool);
                if (operand.Kind == ValueKind.Float) return ScalarValue.OfFloat(-operand.Float);
                try
                {
                    return ScalarValue.OfInt(checked(-operand.Int));
                }
                catch (OverflowException)
                {
                    throw Overflow(unary.Range);
                }
            }
            case BinaryScalar binary:
                return Binary(binary, Evaluate(binary.Left, scope), Evaluate(binary.Right, scope));
            case ConditionalScalar conditional:
                return Evaluate(Evaluate(conditional.Condition, scope).Bool ? conditional.WhenTrue : conditional.WhenFalse, scope);
            case FunctionScalar function:
                return Function(function, scope);
            case IndexScalar index:
                throw new ScalarEvaluationException(DiagnosticCatalog.InternalError, index.Range, $"the copy index '{index.Name}' was not replaced by a number");
            default:
                throw new ScalarEvaluationException(DiagnosticCatalog.InternalError, scalar.Range, $"cannot evaluate {scalar.GetType().Name}");
        }
    }

    /// <summary>
    /// The size a read asks for. A symbolic axis has no number until the network runs, and every size read feeds
    /// something that needs one (a layer's width, a condition), so reading one is an error here.
    /// </summary>
    private static long Size(DimensionScalar dimension, Shape shape)
    {
        if (dimension.Query == SizeQuery.Rank) return shape.Rank;
        int axis;
        if (dimension.Query == SizeQuery.Size)
        {
            axis = dimension.Axis < 0 ? dimension.Axis + shape.Rank : dimension.Axis;
            if (axis < 0 || axis >= shape.Rank)
            {
                throw new ScalarEvaluationException(DiagnosticCatalog.InvalidArgumentValue, dimension.Range,
                    $"'{dimension.Text}' reads axis {dimension.Axis} of a value of shape {shape}, which has {(shape.Rank == 0 ? "no axes" : $"{shape.Rank} axes: 0 to {shape.Rank - 1}, or -{shape.Rank} to -1 from the last")}");
            }
        }
        else
        {
            if (shape.Rank is not (1 or 3))
            {
                throw new ScalarEvaluationException(DiagnosticCatalog.NotSpatial, dimension.Range,
                    $"'{dimension.Text}' names an axis of a [C, H, W] map (or a vector), but the value is {shape}; read any axis with .size(i)");
            }
            if (shape.Rank == 1 && dimension.Query != SizeQuery.Channels) return 1;
            axis = (int)dimension.Query;
        }
        if (shape.Symbol(axis) is { } symbol)
        {
            throw new ScalarEvaluationException(DiagnosticCatalog.SymbolicSize, dimension.Range,
                $"'{dimension.Text}' is the symbolic size {symbol} (up to {shape[axis]}), known only when the network runs, but a number is needed here; give that axis a fixed size, or keep it whole where a reshape can (as its -1)");
        }
        return shape[axis];
    }

    private static ScalarValue Binary(BinaryScalar binary, ScalarValue left, ScalarValue right)
    {
        var op = binary.Operator;
        switch (op)
        {
            case BinaryOperator.And: return ScalarValue.OfBool(left.Bool && right.Bool);
            case BinaryOperator.Or: return ScalarValue.OfBool(left.Bool || right.Bool);
            case BinaryOperator.Equal: return ScalarValue.OfBool(left == right);
            case BinaryOperator.NotEqual: return ScalarValue.OfBool(left != right);
            case BinaryOperator.Less: return ScalarValue.OfBool(left.AsFloat < right.AsFloat);
            case BinaryOperator.LessOrEqual: return ScalarValue.OfBool(left.AsFloat <= right.AsFloat);
            case BinaryOperator.Greater: return ScalarValue.OfBool(left.AsFloat > right.AsFloat);
            case BinaryOperator.GreaterOrEqual: return ScalarValue.OfBool(left.AsFloat >= right.AsFloat);
        }
        if (binary.Type == ValueKind.Float)
        {
            var (a, b) = (left.AsFloat, right.AsFloat);
            if ((op is BinaryOperator.Divide or BinaryOperator.Modulo) && b == 0) throw DivideByZero(binary);
            var result = op switch
            {
                BinaryOperator.Add => a + b,
                BinaryOperator.Subtract => a - b,
                BinaryOperator.Multiply => a * b,
                BinaryOperator.Divide => a / b,
                _ => Dsl.FloorMod(a, b),
            };
            if (double.IsInfinity(result)) throw new ScalarEvaluationException(DiagnosticCatalog.SizeOverflow, binary.OperatorRange, "this float arithmetic overflows to infinity; check the values");
            return ScalarValue.OfFloat(result);
        }
        var (x, y) = (left.Int, right.Int);
        if ((op is BinaryOperator.Divide or BinaryOperator.Modulo) && y == 0) throw DivideByZero(binary);
        try
        {
            return ScalarValue.OfInt(op switch
            {
                BinaryOperator.Add => checked(x + y),
                BinaryOperator.Subtract => checked(x - y),
                BinaryOperator.Multiply => checked(x * y),
                BinaryOperator.Divide => Dsl.FloorDiv(x, y),
                _ => Dsl.FloorMod(x, y),
            });
        }
        catch (OverflowException)
        {
            throw Overflow(binary.OperatorRange);
        }
    }

    /// <summary>max and min fold left to right as Python's do; round, ceil, floor and int of a float give an int.</summary>
    private static ScalarValue Function(FunctionScalar function, IScalarScope scope)
    {
        var first = Evaluate(function.Arguments[0], scope);
        try
        {
            switch (function.Function)
            {
                case NumberFunction.Max:
                case NumberFunction.Min:
                {
                    var max = function.Function == NumberFunction.Max;
                    var result = first;
                    for (var i = 1; i < function.Arguments.Count; i++)
                    {
                        var next = Evaluate(function.Arguments[i], scope);
                        result = function.Type == ValueKind.Float
                            ? ScalarValue.OfFloat(max ? Dsl.Max(result.AsFloat, next.AsFloat) : Dsl.Min(result.AsFloat, next.AsFloat))
                            : ScalarValue.OfInt(max ? Dsl.Max(result.Int, next.Int) : Dsl.Min(result.Int, next.Int));
                    }
                    return result;
                }
                case NumberFunction.Round: return ScalarValue.OfInt(Dsl.Round(first.AsFloat));
                case NumberFunction.Ceil: return ScalarValue.OfInt(Dsl.Ceil(first.AsFloat));
                case NumberFunction.Floor: return ScalarValue.OfInt(Dsl.Floor(first.AsFloat));
                default: return ScalarValue.OfInt(Dsl.Int(first.AsFloat));
            }
        }
        catch (ArithmeticException exception)
        {
            throw new ScalarEvaluationException(DiagnosticCatalog.SizeOverflow, function.Range, Dsl.Reason(exception) + "; check the values");
        }
    }

    private static ScalarEvaluationException Overflow(TextRange range) =>
        new(DiagnosticCatalog.SizeOverflow, range, "this arithmetic overflows 64-bit integers; check the sizes");

    private static ScalarEvaluationException DivideByZero(BinaryScalar binary) =>
        new(DiagnosticCatalog.InvalidArgumentValue, binary.OperatorRange, "division by zero for the declared parameter values");
}
