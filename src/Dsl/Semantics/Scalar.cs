using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// A scalar expression in the IR, kept symbolic: the checker evaluates it for declared values, the emitter
/// writes it as C# over constructor parameters.
/// </summary>
public abstract record Scalar(ValueKind Kind, TextRange Range);

public sealed record ConstantScalar(ScalarValue Value, TextRange Range) : Scalar(Value.Kind, Range);

public sealed record ParameterScalar(string Name, ValueKind Type, TextRange Range) : Scalar(Type, Range);

/// <summary><c>value.channels</c> (axis 0), <c>.height</c> (1), <c>.width</c> (2) of a tensor value of the scope.</summary>
public sealed record DimensionScalar(int Value, int Axis, string Text, bool Outer, TextRange Range) : Scalar(ValueKind.Int, Range);

public sealed record BinaryScalar(BinaryOperator Operator, Scalar Left, Scalar Right, ValueKind Type, TextRange OperatorRange, TextRange Range) : Scalar(Type, Range);

public sealed record UnaryScalar(UnaryOperator Operator, Scalar Operand, ValueKind Type, TextRange Range) : Scalar(Type, Range);

public sealed record PairScalar(Scalar First, Scalar Second, TextRange Range) : Scalar(ValueKind.Pair, Range);

/// <summary>An int converted where a float is expected.</summary>
public sealed record ToFloatScalar(Scalar Operand) : Scalar(ValueKind.Float, Operand.Range);
