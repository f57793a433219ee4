using System.Collections.Generic;

namespace NetDsl.Catalog;

/// <summary>The C# expressions for one op application's arguments, by name, for the emitter.</summary>
public sealed class OpCode
{
    private readonly OpDefinition _op;
    private readonly string?[] _code;
    private readonly (string H, string W)?[] _pairs;

    /// <param name="op">The op applied.</param>
    /// <param name="code">Each argument's C# expression, in the order of the op's arguments; null for one left out.</param>
    /// <param name="pairs">The two sides of each pair or explicit padding argument, in the same order; null for others.</param>
    /// <param name="inputs">The C# expressions of the inputs' <see cref="Shape"/>s (one for almost every op).</param>
    public OpCode(OpDefinition op, string?[] code, (string H, string W)?[] pairs, string[] inputs)
    {
        _op = op;
        _code = code;
        _pairs = pairs;
        Inputs = inputs;
    }

    /// <summary>The C# expression of the (first) input's <see cref="Shape"/>.</summary>
    public string Input => Inputs[0];

    /// <summary>The C# expressions of every input's <see cref="Shape"/>, for an op that takes several values.</summary>
    public string[] Inputs { get; }

    /// <summary>The C# expression of the layer's path, for messages of checks made while its module is built (a tied weight's).</summary>
    public string Path { get; init; } = "\"\"";

    /// <summary>The C# expression of the module whose constructor builds this layer (its scope), where a tied weight is looked up.</summary>
    public string Scope { get; init; } = "this";

    /// <summary>Whether the argument was given (or has a default).</summary>
    public bool Has(string name) => _code[_op.IndexOf(name)] is not null;

    /// <summary>An argument's C# expression; that of a pair argument is the tuple <c>(h, w)</c>.</summary>
    public string this[string name] => _code[_op.IndexOf(name)] ?? throw Missing(name);

    /// <summary>Whether the argument is a pair of sides: always for a pair argument, for padding unless it is same or valid.</summary>
    public bool HasPair(string name) => _pairs[_op.IndexOf(name)] is not null;

    public (string H, string W) Pair(string name) => _pairs[_op.IndexOf(name)] ?? throw Missing(name);

    /// <summary>
    /// An axis argument as PyTorch counts it, the batch first: a sample axis d &gt;= 0 is d + 1, a negative one is as it is.
    /// A literal is converted here (<c>softmax(0)</c> is <c>nn.Softmax(1)</c>); an expression when the module is built.
    /// </summary>
    public string BatchAxis(string name)
    {
        var code = this[name];
        if (long.TryParse(code, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var axis))
            return (axis < 0 ? axis : axis + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"NetDslLayers.BatchAxis({code})";
    }

    private KeyNotFoundException Missing(string name) => new($"op '{_op.Name}' has no code for '{name}'");
}
