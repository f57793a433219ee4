using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NetDsl.Semantics;

namespace NetDsl.Diagrams;

/// <summary>
/// Draws a checked network as boxes and values from the runs its check recorded (<see cref="DiagramRecorder"/>): the
/// IR says what reads what, the runs say which layers exist for these arguments and every value's shape, the summary
/// rows give each op's text. Groups are drawn inline (their boxes carry the group as <see cref="DiagramNode.Cluster"/>);
/// a block call is one box whose expansion is the diagram of its own run (of its first copy, for a chain of copies).
/// </summary>
internal sealed class DiagramBuilder
{
    private readonly DiagramRecorder _runs;
    private readonly Dictionary<string, LayerInfo> _rows = new(System.StringComparer.Ordinal);
    private readonly string _network;
    private readonly List<Diagram> _blocks = new();
    /// <summary>Expansions by their content, so calls that draw the same graph share one diagram.</summary>
    private readonly Dictionary<string, string> _byContent = new(System.StringComparer.Ordinal);

    private DiagramBuilder(DiagramRecorder runs, CheckedNetwork network)
    {
        _runs = runs;
        _network = network.Scope.Name;
        foreach (var row in network.Rows) _rows[row.Path] = row;
    }

    /// <summary>The diagram of a network checked without errors, with <paramref name="runs"/> recorded during that check.</summary>
    public static NetworkDiagram Build(CheckedNetwork network, DiagramRecorder runs)
    {
        var builder = new DiagramBuilder(runs, network);
        var root = runs.Run(network.Scope, "") ?? throw new System.InvalidOperationException($"the check of '{network.Scope.Name}' recorded no run of the network");
        var diagram = builder.Draw(root, network.Scope.Name, "network " + network.Scope.Name, network.Input);
        return new NetworkDiagram(diagram, builder._blocks);
    }

    private Diagram Draw(ScopeRun run, string name, string title, Shape? networkInput)
    {
        var canvas = new Canvas(run.Path);
        var inputs = new string[run.Scope.Inputs.Count][];
        for (var i = 0; i < inputs.Length; i++)
        {
            var value = run.Scope.Values[run.Scope.Inputs[i]];
            var shape = networkInput is { } declared ? declared.ToDeclaredString() : ShapeText(run.Values[value.Id]);
            inputs[i] = new[] { canvas.Add(DiagramNodeKind.Input, value.Name ?? "input", "input", shape) };
        }
        var producers = Walk(canvas, run, inputs, "");
        var scope = run.Scope;
        var outputs = scope.Outputs.Count > 0
            ? scope.Outputs.Select(o => (o.Name, o.Value, o.WhileTraining)).ToList()
            : new List<(string Name, int Value, bool WhileTraining)> { ("output", scope.Output, false) };
        foreach (var (outputName, value, whileTraining) in outputs)
        {
            if (value < 0 || producers[value] is not { } from) continue;
            var node = canvas.Add(DiagramNodeKind.Output, outputName, whileTraining ? "output while training" : "output", ShapeText(run.Values[value]));
            foreach (var source in from) canvas.Connect(source, node, 0);
        }
        return new Diagram(name, title, canvas.Nodes, canvas.Edges);
    }

    /// <summary>Adds the boxes of one scope run; returns, by value id, the boxes that produce each value.</summary>
    private string[]?[] Walk(Canvas canvas, ScopeRun run, string[][] inputs, string cluster)
    {
        var scope = run.Scope;
        var producers = new string[]?[scope.Values.Count];
        for (var i = 0; i < scope.Inputs.Count && i < inputs.Length; i++) producers[scope.Inputs[i]] = inputs[i];
        string[] Read(int value) => producers[value] ?? System.Array.Empty<string>();
        string Connected(string node, IReadOnlyList<int> reads)
        {
            for (var i = 0; i < reads.Count; i++)
            {
                foreach (var from in Read(reads[i])) canvas.Connect(from, node, i);
            }
            return node;
        }
        var functionPath = run.Path + "(";
        foreach (var instruction in scope.Instructions)
        {
            switch (instruction)
            {
                case SelectInstruction select:
                    producers[select.Result] = Read(Holds(run, select.Condition) ? select.WhenTrue : select.WhenFalse);
                    break;
                case ItemInstruction item:
                    producers[item.Result] = Read(item.Source);
                    break;
                case MergeInstruction merge:
                    producers[merge.Result] = _rows.TryGetValue(functionPath + merge.Name + ")", out var merged)
                        ? new[] { Connected(canvas.Add(DiagramNodeKind.Merge, "", merged.Op, merged.Output.ToString(), cluster), merge.Inputs) }
                        : Read(merge.Inputs[0]);
                    break;
                case FunctionInstruction function:
                {
                    var at = functionPath + function.Name + ")";
                    producers[function.Result] = _rows.TryGetValue(at, out var row) || _rows.TryGetValue(at + "[0]", out row)
                        ? new[] { Connected(canvas.Add(DiagramNodeKind.Function, "", row.Op, ShapeText(run.Values[function.Result]), cluster), function.Reads) }
                        : Read(function.Input);
                    break;
                }
                case ArithmeticInstruction arithmetic:
                    producers[arithmetic.Result] = _rows.TryGetValue(functionPath + arithmetic.Name + ")", out var computed)
                        ? new[] { Connected(canvas.Add(DiagramNodeKind.Function, "", computed.Op, computed.Output.ToString(), cluster), arithmetic.Reads) }
                        : Read(arithmetic.Input);
                    break;
                case LearnedTensorInstruction tensor:
                    producers[tensor.Result] = new[] { canvas.Add(DiagramNodeKind.Tensor, canvas.Relative(Join(run.Path, tensor.Name)), tensor.Layer.Text, ShapeText(run.Values[tensor.Result]), cluster) };
                    break;
                case ApplyInstruction apply:
                {
                    if (!run.Applied.TryGetValue(apply, out var paths) || paths.Count == 0)
                    {
                        producers[apply.Result] = Read(apply.Inputs[0]);
                        break;
                    }
                    if (!apply.ArgumentsReadIndex || paths.Count == 1)
                    {
                        producers[apply.Result] = new[] { Connected(Layer(canvas, run, apply, paths, cluster), apply.Inputs) };
                        break;
                    }
                    // Copies that read their index (B(i) for i in n) differ: each is a box of its own, chained.
                    var previous = Connected(Copy(canvas, run, apply, paths[0], cluster), apply.Inputs);
                    foreach (var path in paths.Skip(1))
                    {
                        var next = Copy(canvas, run, apply, path, cluster);
                        canvas.Connect(previous, next, 0);
                        previous = next;
                    }
                    producers[apply.Result] = new[] { previous };
                    break;
                }
                case GroupInstruction group:
                {
                    var bodies = _runs.RunsBelow(group.Body, run.Path).ToList();
                    if (bodies.Count == 0)
                    {
                        producers[group.Result] = Read(group.Input);
                        break;
                    }
                    var results = new List<string>();
                    foreach (var body in group.Count is null ? bodies.Take(1) : bodies)
                    {
                        var inside = Walk(canvas, body, new[] { Read(group.Input) }, canvas.Relative(body.Path));
                        if (body.Scope.Output >= 0 && inside[body.Scope.Output] is { } output) results.AddRange(output);
                    }
                    producers[group.Result] = results.ToArray();
                    break;
                }
            }
        }
        return producers;
    }

    /// <summary>The box of an applied layer or block call, or of the chain of its copies.</summary>
    private string Layer(Canvas canvas, ScopeRun run, ApplyInstruction apply, List<string> paths, string cluster)
    {
        var first = canvas.Relative(paths[0]);
        var name = paths.Count == 1 ? first
            : apply.IsSpliced ? Range(first, canvas.Relative(paths[paths.Count - 1]))
            : canvas.Relative(Parent(paths[0]));
        var shape = ShapeText(run.Values[apply.Result]);
        if (apply.Layer.Block is { Scope: { } blockScope } block && _runs.Run(blockScope, paths[0]) is { } inner)
        {
            var text = BlockCall(block.Name, inner);
            var expansion = Expand(inner, text);
            return canvas.Add(DiagramNodeKind.Block, name, text, shape, cluster, paths.Count, expansion);
        }
        var op = _rows.TryGetValue(paths[0], out var row) ? row.Op : apply.Layer.Text;
        return canvas.Add(DiagramNodeKind.Layer, name, op, shape, cluster, paths.Count);
    }

    /// <summary>The box of one copy of a chain whose copies read their index: its own op or call, its own output shape.</summary>
    private string Copy(Canvas canvas, ScopeRun run, ApplyInstruction apply, string path, string cluster)
    {
        var name = canvas.Relative(path);
        if (apply.Layer.Block is { Scope: { } blockScope } block && _runs.Run(blockScope, path) is { } inner)
        {
            var text = BlockCall(block.Name, inner);
            var output = inner.Scope.Output >= 0 ? ShapeText(inner.Values[inner.Scope.Output]) : "";
            return canvas.Add(DiagramNodeKind.Block, name, text, output, cluster, 1, Expand(inner, text));
        }
        return _rows.TryGetValue(path, out var row)
            ? canvas.Add(DiagramNodeKind.Layer, name, row.Op, row.Output.ToString(), cluster)
            : canvas.Add(DiagramNodeKind.Layer, name, apply.Layer.Text, "", cluster);
    }

    /// <summary>The diagram of a block's run, named by the path of the first call that draws it.</summary>
    private string Expand(ScopeRun run, string call)
    {
        var name = _network + "." + run.Path;
        var diagram = Draw(run, name, call + " at " + run.Path, null);
        // A call that draws what an earlier one drew found the earlier one's expansions for its own blocks too, so it added none.
        var content = Content(diagram);
        if (_byContent.TryGetValue(content, out var known)) return known;
        _byContent[content] = name;
        _blocks.Add(diagram);
        return name;
    }

    /// <summary>What a diagram draws, without its name: two calls with the same text draw the same picture.</summary>
    private static string Content(Diagram diagram)
    {
        var text = new StringBuilder();
        foreach (var n in diagram.Nodes) text.Append(n.Id).Append('\u0001').Append(n.Kind).Append('\u0001').Append(n.Name).Append('\u0001').Append(n.Operation).Append('\u0001').Append(n.Shape).Append('\u0001').Append(n.Expansion).Append('\u0001').Append(n.Copies).Append('\u0001').Append(n.Cluster).Append('\n');
        foreach (var e in diagram.Edges) text.Append(e.From).Append('>').Append(e.To).Append(':').Append(e.Input).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// A block call with its evaluated arguments, spelled as summary rows spell values (<see cref="CallText.Value"/>),
    /// those equal to their defaults left out: <c>Bottleneck(64, stride: 2)</c>.
    /// </summary>
    private static string BlockCall(string block, ScopeRun run)
    {
        var parts = new List<string>();
        var named = false;
        foreach (var parameter in run.Scope.Parameters)
        {
            ScalarValue value;
            try
            {
                value = run.Scalars.Parameter(parameter.Name);
            }
            catch (KeyNotFoundException)
            {
                named = true;
                continue;
            }
            if (parameter.Default is not null && Evaluates(parameter.Default, run) is { } fallback && fallback.Equals(value))
            {
                named = true;
                continue;
            }
            var text = CallText.Value(value);
            parts.Add(named ? parameter.Name + ": " + text : text);
        }
        return block + "(" + string.Join(", ", parts) + ")";
    }

    private static ScalarValue? Evaluates(Scalar scalar, ScopeRun run)
    {
        try
        {
            return ScalarEvaluator.Evaluate(scalar, run.Scalars);
        }
        catch (System.Exception error) when (error is ScalarEvaluationException or KeyNotFoundException)
        {
            return null;
        }
    }

    private static bool Holds(ScopeRun run, Scalar condition) => Evaluates(condition, run) is { Bool: true };

    private static string ShapeText(Shape[]? shapes) => shapes switch
    {
        null or { Length: 0 } => "",
        { Length: 1 } => shapes[0].ToString(),
        _ when shapes.All(s => s == shapes[0]) => shapes.Length.ToString(CultureInfo.InvariantCulture) + " × " + shapes[0],
        _ => string.Join(", ", shapes.Select(s => s.ToString())),
    };

    /// <summary>
    /// The names of a spliced chain's copies, first to last: <c>encoder.layers.encoder_layer_{0…11}</c> when they share a
    /// beginning that ends before the numbers, <c>2 … 5</c> when they share none.
    /// </summary>
    private static string Range(string first, string last)
    {
        var common = 0;
        while (common < first.Length && common < last.Length && first[common] == last[common]) common++;
        while (common > 0 && char.IsDigit(first[common - 1])) common--;
        return common == 0 ? first + " … " + last : first.Substring(0, common) + "{" + first.Substring(common) + "…" + last.Substring(common) + "}";
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Parent(string path) => path.LastIndexOf('.') is var dot and >= 0 ? path.Substring(0, dot) : "";

    /// <summary>The boxes and values of one diagram as they are added; paths are written relative to the diagram's scope.</summary>
    private sealed class Canvas
    {
        private readonly string _root;

        public Canvas(string root) => _root = root;

        public List<DiagramNode> Nodes { get; } = new();

        public List<DiagramEdge> Edges { get; } = new();

        public string Relative(string path) =>
            _root.Length == 0 ? path : path.Length > _root.Length && path.StartsWith(_root + ".", System.StringComparison.Ordinal) ? path.Substring(_root.Length + 1) : path;

        public string Add(DiagramNodeKind kind, string name, string operation, string shape, string cluster = "", int copies = 1, string? expansion = null)
        {
            var id = "n" + Nodes.Count.ToString(CultureInfo.InvariantCulture);
            Nodes.Add(new DiagramNode(id, kind, name, operation, shape) { Cluster = cluster, Copies = copies, Expansion = expansion });
            return id;
        }

        public void Connect(string from, string to, int input) => Edges.Add(new DiagramEdge(from, to, input));
    }
}
