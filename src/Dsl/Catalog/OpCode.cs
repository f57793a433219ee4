using System.Collections.Generic;

namespace NetDsl.Catalog;

/// <summary>The C# expressions for one op application's arguments, by name, for the emitter.</summary>
public sealed class OpCode
{
    private readonly Dictionary<string, string> _code;
    private readonly Dictionary<string, (string H, string W)> _pairs;

    public OpCode(Dictionary<string, string> code, Dictionary<string, (string H, string W)> pairs, string input)
    {
        _code = code;
        _pairs = pairs;
        Input = input;
    }

    /// <summary>The C# expression of the input's <see cref="Shape"/>.</summary>
    public string Input { get; }

    public bool Has(string name) => _code.ContainsKey(name);

    /// <summary>An argument's C# expression; that of a pair argument is the tuple <c>(h, w)</c>.</summary>
    public string this[string name] => _code[name];

    public (string H, string W) Pair(string name) => _pairs[name];
}
