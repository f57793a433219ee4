using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetDsl.Export.Onnx;

/// <summary>
/// An ONNX graph being built: nodes in execution order, initializers (weights by state_dict key, constants), inputs and
/// outputs. Names are unique: <see cref="Name"/> numbers a hint on its second use. No dependency on ONNX's own
/// libraries: the runtime writes it as protobuf.
/// </summary>
public sealed class OnnxGraph
{
    private readonly Dictionary<string, int> _names = new();
    private readonly Dictionary<string, OnnxInitializer> _initializers = new();
    private readonly Dictionary<string, IReadOnlyList<long>> _weightDims = new();

    public string GraphName { get; set; } = "network";

    public List<OnnxNode> Nodes { get; } = new();

    public List<OnnxValue> Inputs { get; } = new();

    public List<OnnxValue> Outputs { get; } = new();

    /// <summary>
    /// Every state_dict key of the network instance, in the order the lowering met its layer, those the graph does not read
    /// included (batch norm's <c>num_batches_tracked</c>, a tied weight's second key, the weights of a head that exists
    /// only while training): what a weight file for the network must hold.
    /// </summary>
    public List<string> StateKeys { get; } = new();

    /// <summary>The sizes of every weight the lowering read, by state_dict key (kept by <see cref="Prune"/>, so a training-only head's too).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> WeightDims => _weightDims;

    /// <summary>The network's arguments, every parameter's (defaults included), in declared order: what the graph was lowered for.</summary>
    public List<KeyValuePair<string, Semantics.ScalarValue>> Arguments { get; } = new();

    /// <summary>What each output holds, by output name (the outputs of <see cref="Outputs"/>).</summary>
    public Dictionary<string, OutputKind> OutputKinds { get; } = new();

    /// <summary>Initializers in the order they were first used.</summary>
    public IEnumerable<OnnxInitializer> Initializers => _initializers.Values;

    /// <summary>A new unique value name from <paramref name="hint"/> (a layer path).</summary>
    public string Name(string hint)
    {
        if (hint.Length == 0) hint = "v";
        if (!_names.TryGetValue(hint, out var count))
        {
            _names[hint] = 1;
            return hint;
        }
        string candidate;
        do candidate = hint + "_" + (++count).ToString(CultureInfo.InvariantCulture);
        while (_names.ContainsKey(candidate));
        _names[hint] = count;
        _names[candidate] = 1;
        return candidate;
    }

    /// <summary>Adds a node and returns its outputs (<paramref name="outputs"/> of them, named from <paramref name="hint"/>).</summary>
    public string[] Add(string opType, string hint, IReadOnlyList<string> inputs, int outputs, params OnnxAttribute[] attributes)
    {
        var names = new string[outputs];
        for (var i = 0; i < outputs; i++) names[i] = Name(outputs == 1 ? hint : hint + "_" + i.ToString(CultureInfo.InvariantCulture));
        Nodes.Add(new OnnxNode(opType, Name(hint + "/" + opType), inputs.ToArray(), names, attributes));
        return names;
    }

    /// <summary>Adds a node with one output and returns it.</summary>
    public string Add(string opType, string hint, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes) => Add(opType, hint, inputs, 1, attributes)[0];

    /// <summary>The weight stored under the state_dict key <paramref name="key"/>, with the sizes the state_dict holds.</summary>
    public string Weight(string key, IReadOnlyList<long> dims)
    {
        if (!_initializers.ContainsKey(key))
        {
            _names[key] = 1;
            _initializers[key] = new OnnxInitializer(key, OnnxElementType.Float, dims.ToArray()) { StateKey = key };
            _weightDims[key] = dims.ToArray();
        }
        return key;
    }

    /// <summary>A constant of 64-bit integers (shapes, axes, indexes); a 1-D list unless <paramref name="scalar"/>.</summary>
    public string Int64s(IReadOnlyList<long> values, bool scalar = false)
    {
        var key = "const_i64_" + (scalar ? "s_" : "") + string.Join("_", values.Select(v => v.ToString(CultureInfo.InvariantCulture)).Select(v => v.Replace('-', 'm')));
        if (_initializers.ContainsKey(key)) return key;
        _names[key] = 1;
        _initializers[key] = new OnnxInitializer(key, OnnxElementType.Int64, scalar ? new long[0] : new long[] { values.Count }) { Int64s = values.ToArray() };
        return key;
    }

    /// <summary>A float scalar constant.</summary>
    public string Float(float value)
    {
        var key = Name("const_f32");
        _initializers[key] = new OnnxInitializer(key, OnnxElementType.Float, new long[0]) { Floats = new[] { value } };
        return key;
    }

    /// <summary>A 1-D float constant.</summary>
    public string Floats(IReadOnlyList<float> values)
    {
        var key = Name("const_f32");
        _initializers[key] = new OnnxInitializer(key, OnnxElementType.Float, new long[] { values.Count }) { Floats = values.ToArray() };
        return key;
    }

    /// <summary>
    /// Drops the nodes no output needs (an auxiliary head that exists only while training) and the initializers only they
    /// read, so the file holds what inference runs.
    /// </summary>
    public void Prune()
    {
        var needed = new HashSet<string>(Outputs.Select(o => o.Name));
        var kept = new List<OnnxNode>();
        for (var i = Nodes.Count - 1; i >= 0; i--)
        {
            var node = Nodes[i];
            if (!node.Outputs.Any(needed.Contains)) continue;
            kept.Add(node);
            foreach (var input in node.Inputs) needed.Add(input);
        }
        kept.Reverse();
        Nodes.Clear();
        Nodes.AddRange(kept);
        foreach (var unused in _initializers.Keys.Where(k => !needed.Contains(k)).ToList()) _initializers.Remove(unused);
    }
}
