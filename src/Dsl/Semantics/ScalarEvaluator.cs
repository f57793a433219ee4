using System;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>Evaluates symbolic scalars. Integer '/' and '%' floor (as Python), so -7 / 2 is -4.</summary>
internal static class ScalarEvaluator
{
    public static ScalarValue Evaluate(Scalar scalar, Func<string, ScalarValue> parameter, Func<int, bool, Shape?> shape)
    {
        switch (scalar)
        {
            case ConstantScalar constant:
                return constant.Value;
            case ParameterScalar p:
                return parameter(p.Name);
            case ToFloatScalar toFloat:
                return ScalarValue.OfFloat(Evaluate(toFloat.Operand, parameter, shape).AsFloat);
            case PairScalar pair:
                return ScalarValue.OfPair(Evaluate(pair.First, parameter, shape).Int, Evaluate(pair.Second, parameter, shape).Int);
            case DimensionScalar dimension:
            {
                var value = shape(dimension.Value, dimension.Outer) ?? throw new ScalarEvaluationException(DiagnosticCatalog.InvalidArgumentValue, dimension.Range, $"'{dimension.Text}' has no size here");
                return ScalarValue.OfInt(dimension.Axis == 0 ? value.Channels : dimension.Axis == 1 ? value.Height : value.Width);
            }
            case UnaryScalar unary:
            {
                var operand = Evaluate(unary.Operand, parameter, shape);
                if (unary.Operator == UnaryOperator.Not) return ScalarValue.OfBool(!operand.Bool);
                if (operand.Kind == ValueKind.Float) return ScalarValue.OfFloat(-operand.Float);
                return Checked(() => ScalarValue.OfInt(checked(-operand.Int)), unary.Range);
            }
            case BinaryScalar binary:
                return Binary(binary, Evaluate(binary.Left, parameter, shape), Evaluate(binary.Right, parameter, shape));
            default:
                throw new ScalarEvaluationException(DiagnosticCatalog.InternalError, scalar.Range, $"cannot evaluate {scalar.GetType().Name}");
        }
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
            return ScalarValue.OfFloat(op switch
            {
                BinaryOperator.Add => a + b,
                BinaryOperator.Subtract => a - b,
                BinaryOperator.Multiply => a * b,
                BinaryOperator.Divide => a / b,
                _ => a - b * Math.Floor(a / b),
            });
        }
        var (x, y) = (left.Int, right.Int);
        if ((op is BinaryOperator.Divide or BinaryOperator.Modulo) && y == 0) throw DivideByZero(binary);
        return Checked(() => ScalarValue.OfInt(op switch
        {
            BinaryOperator.Add => checked(x + y),
            BinaryOperator.Subtract => checked(x - y),
            BinaryOperator.Multiply => checked(x * y),
            BinaryOperator.Divide => Dsl.FloorDiv(x, y),
            _ => Dsl.FloorMod(x, y),
        }), binary.OperatorRange);
    }

    private static ScalarValue Checked(Func<ScalarValue> compute, TextRange range)
    {
        try
        {
            return compute();
        }
        catch (OverflowException)
        {
            throw new ScalarEvaluationException(DiagnosticCatalog.SizeOverflow, range, "this arithmetic overflows 64-bit integers; check the sizes");
        }
    }

    private static ScalarEvaluationException DivideByZero(BinaryScalar binary) =>
        new(DiagnosticCatalog.InvalidArgumentValue, binary.OperatorRange, "division by zero for the declared parameter values");
}
