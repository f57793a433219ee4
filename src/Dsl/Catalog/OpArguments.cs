using System.Collections.Generic;
using NetDsl.Semantics;

namespace NetDsl.Catalog;

/// <summary>The concrete arguments of one op application, by name, defaults filled in.</summary>
public sealed class OpArguments
{
    private readonly Dictionary<string, ScalarValue> _values;

    public OpArguments(Dictionary<string, ScalarValue> values) => _values = values;

    public bool Has(string name) => _values.ContainsKey(name);

    public long Int(string name) => _values[name].Int;

    public double Float(string name) => _values[name].AsFloat;

    public bool Bool(string name) => _values[name].Bool;

    public (long H, long W) Pair(string name) => _values[name].AsPair;

    public Padding Padding(string name)
    {
        var value = _values[name];
        return value.Kind switch
        {
            ValueKind.Symbol when value.Symbol == "same" => NetDsl.Padding.Same,
            ValueKind.Symbol => NetDsl.Padding.Valid,
            ValueKind.Pair => NetDsl.Padding.Explicit(value.Int, value.Second),
            _ => NetDsl.Padding.Explicit(value.Int, value.Int),
        };
    }
}
