using System.Collections.Generic;
using NetDsl.Semantics;

namespace NetDsl.Catalog;

/// <summary>The concrete arguments of one op application, by name, defaults filled in.</summary>
public sealed class OpArguments
{
    private readonly OpDefinition _op;
    private readonly ScalarValue?[] _values;

    /// <param name="op">The op applied.</param>
    /// <param name="values">Each argument's value, in the order of the op's arguments; null for one left out.</param>
    public OpArguments(OpDefinition op, ScalarValue?[] values)
    {
        _op = op;
        _values = values;
    }

    public bool Has(string name) => _values[_op.IndexOf(name)] is not null;

    /// <summary>The argument's value, or null when it was left out without a default.</summary>
    public ScalarValue? ValueOrNull(string name) => _values[_op.IndexOf(name)];

    public long Int(string name) => Value(name).Int;

    public double Float(string name) => Value(name).AsFloat;

    public bool Bool(string name) => Value(name).Bool;

    public (long H, long W) Pair(string name) => Value(name).AsPair;

    public long[] Ints(string name) => System.Linq.Enumerable.ToArray(Value(name).Items);

    /// <summary>A word: <c>same</c>, <c>row</c>, or the path a reference names (<c>transformer.wte.weight</c>).</summary>
    public string Symbol(string name) => Value(name).Symbol ?? "";

    /// <summary>An optional integer, or null when it was left out.</summary>
    public long? IntOrNull(string name) => Has(name) ? Int(name) : null;

    public Padding Padding(string name)
    {
        var value = Value(name);
        return value.Kind switch
        {
            ValueKind.Symbol when value.Symbol == "same" => NetDsl.Padding.Same,
            ValueKind.Symbol => NetDsl.Padding.Valid,
            ValueKind.Pair => NetDsl.Padding.Explicit(value.Int, value.Second),
            _ => NetDsl.Padding.Explicit(value.Int, value.Int),
        };
    }

    private ScalarValue Value(string name) => _values[_op.IndexOf(name)] ?? throw new KeyNotFoundException($"op '{_op.Name}' was given no '{name}'");
}
