using System.Collections.Generic;
using System.Linq;
using NetDsl.Catalog;

namespace NetDsl.Export.Onnx;

/// <summary>
/// What an op's ONNX lowering sees (<see cref="OpDefinition.LowerOnnx"/>): its evaluated arguments, its inputs' value
/// names and sample shapes (batch excluded, as everywhere in NetDsl), its output shapes, and where it is: the layer's
/// path, which is the prefix of its state_dict keys.
/// </summary>
public sealed class OnnxOpContext
{
    private readonly OpDefinition _op;

    /// <summary>Made by <see cref="OnnxLowerer"/> for each application of an op; public so a back-end or a test can lower one op alone.</summary>
    public OnnxOpContext(OnnxGraph graph, OpDefinition op, OpArguments args, IReadOnlyList<string> inputs, IReadOnlyList<Shape> inputShapes, IReadOnlyList<Shape> outputs, string path, string scopePath, bool stateless)
    {
        Graph = graph;
        _op = op;
        Args = args;
        Inputs = inputs;
        InputShapes = inputShapes;
        Outputs = outputs;
        Path = path;
        ScopePath = scopePath;
        Stateless = stateless;
    }

    public OnnxGraph Graph { get; }

    public OpArguments Args { get; }

    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<Shape> InputShapes { get; }

    /// <summary>The output's sample shape (each part's, for an op that returns several).</summary>
    public IReadOnlyList<Shape> Outputs { get; }

    public string Input => Inputs[0];

    public Shape InputShape => InputShapes[0];

    public Shape Output => Outputs[0];

    /// <summary>The layer's path (<c>features.0</c>; a function's is its name in messages, <c>(permute)</c>).</summary>
    public string Path { get; }

    /// <summary>The path of the scope the layer belongs to, where a tied weight's reference starts.</summary>
    public string ScopePath { get; }

    /// <summary>Applied as a function: it has no state_dict entries.</summary>
    public bool Stateless { get; }

    /// <summary>The layer's own weight <c>path.key</c>, with the sizes the state_dict holds.</summary>
    public string Weight(string key, params long[] dims) => Graph.Weight(Path + "." + key, dims);

    /// <summary>A weight another layer owns (<c>weight: transformer.wte.weight</c>, relative to the scope).</summary>
    public string TiedWeight(string reference, params long[] dims) => Graph.Weight(ScopePath.Length == 0 ? reference : ScopePath + "." + reference, dims);

    /// <summary>Adds one node named after the layer and returns its output.</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes) => Graph.Add(opType, Path, inputs, attributes);

    /// <summary>Adds one node with several outputs.</summary>
    public string[] Node(string opType, IReadOnlyList<string> inputs, int outputs, params OnnxAttribute[] attributes) => Graph.Add(opType, Path, inputs, outputs, attributes);

    /// <summary>A sample axis as ONNX counts it, the batch first: d &gt;= 0 is d + 1, a negative one stays.</summary>
    public static long BatchAxis(long axis) => axis < 0 ? axis : axis + 1;

    /// <summary>The refusal of an op without a lowering (what <see cref="OpDefinition.LowerOnnx"/> throws unless an op overrides it).</summary>
    public OnnxExportException NoLowering() =>
        new($"{_op.Name} at '{Path}' cannot be exported to ONNX: the op has no ONNX lowering yet (docs/export.md lists the ops that have one)");

    /// <summary>The refusal of an argument value the lowering cannot express.</summary>
    public OnnxExportException Unsupported(string what) => new($"{_op.Name} at '{Path}' cannot be exported to ONNX: {what}");

    /// <summary>One output, as a lowering returns it.</summary>
    public static IReadOnlyList<string> One(string value) => new[] { value };

    /// <summary>A sample axis of the input counted from 0 (a negative one from the end).</summary>
    public int SampleAxis(long axis) => (int)(axis < 0 ? axis + InputShape.Rank : axis);

    /// <summary>
    /// <paramref name="value"/> reshaped to the sample shape <paramref name="shape"/>: the batch axis copied, a symbolic axis
    /// as the one size Reshape infers (a shape with two cannot be written as a constant).
    /// </summary>
    public string Reshape(string value, Shape shape)
    {
        var dims = new long[shape.Rank + 1];
        var symbolic = 0;
        for (var i = 0; i < shape.Rank; i++)
        {
            if (shape.IsSymbolic(i)) symbolic++;
            dims[i + 1] = shape.IsSymbolic(i) ? -1 : shape[i];
        }
        if (symbolic > 1) throw Unsupported($"the result {shape} has several symbolic axes, which one Reshape cannot infer");
        return Node("Reshape", new[] { value, Graph.Int64s(dims) });
    }

    /// <summary>Elements <paramref name="start"/> to <paramref name="end"/> (exclusive) of a sample axis, every <paramref name="step"/>th.</summary>
    public string Slice(string value, int axis, long start, long end, long step) => Node("Slice", new[]
    {
        value, Graph.Int64s(new[] { start }), Graph.Int64s(new[] { end }), Graph.Int64s(new[] { (long)axis + 1 }), Graph.Int64s(new[] { step }),
    });

    /// <summary>The input split along a sample axis into the parts <see cref="Outputs"/> describes.</summary>
    public IReadOnlyList<string> Split(int axis)
    {
        if (InputShape.IsSymbolic(axis)) throw Unsupported($"splitting the symbolic axis '{InputShape.Symbol(axis)}' needs its size");
        var sizes = Outputs.Select(o => o[axis]).ToArray();
        return Node("Split", new[] { Input, Graph.Int64s(sizes) }, Outputs.Count, OnnxAttribute.Of("axis", (long)axis + 1));
    }
}
