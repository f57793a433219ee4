using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Catalog;
using NetDsl.Catalog.Ops;
using NetDsl.Compiler;
using NetDsl.Semantics;
using NetDsl.Syntax;

namespace NetDsl.Export.Onnx;

/// <summary>
/// Lowers an evaluated network (<see cref="DeclaredNetworks.Check"/>: the instance's own arguments) to an ONNX graph in
/// evaluation mode. It walks the IR as the C# emitter does (scopes, children and their state_dict paths, merges,
/// functions, repetitions, blocks), with every argument evaluated; each op lowers itself
/// (<see cref="OpDefinition.LowerOnnx"/>, beside its catalog entry). What cannot be lowered is an
/// <see cref="OnnxExportException"/> naming the layer, never a wrong graph.
/// </summary>
public sealed class OnnxLowerer
{
    /// <summary>The name of the batch axis in the graph's inputs and outputs.</summary>
    public const string BatchSymbol = "batch";

    private readonly OnnxGraph _graph = new();

    private OnnxLowerer()
    {
    }

    /// <summary>The graph of <paramref name="network"/>: input <c>input</c>, outputs named as declared (eval-mode ones).</summary>
    public static OnnxGraph Lower(DeclaredNetwork network)
    {
        var checkedNetwork = network.OrThrow();
        var lowerer = new OnnxLowerer();
        var graph = lowerer._graph;
        var scope = checkedNetwork.Scope;
        graph.GraphName = scope.Name;
        var outputs = scope.Outputs.Count == 0
            ? new List<(string Name, int Value)> { ("output", scope.Output) }
            : scope.Outputs.Where(o => !o.WhileTraining).Select(o => (o.Name, o.Value)).ToList();
        // Reserved first, so no layer's value takes a name the caller will ask for.
        graph.Name("input");
        foreach (var output in outputs) graph.Name(output.Name);
        var input = checkedNetwork.Input;
        graph.Inputs.Add(Value("input", input));
        var frame = new Frame(scope, network.Arguments.ToDictionary(a => a.Key, a => a.Value), null, "");
        lowerer.BindDefaults(frame, scope.Parameters);
        foreach (var parameter in scope.Parameters) graph.Arguments.Add(new KeyValuePair<string, ScalarValue>(parameter.Name, frame.Parameters[parameter.Name]));
        lowerer.Run(frame, new[] { new Lowered("input", input) });
        var kinds = OutputKinds.Of(scope, new Diagnostics.DiagnosticBag());
        var names = scope.Outputs.Count == 0 ? new List<string> { "output" } : scope.Outputs.Select(o => o.Name).ToList();
        for (var i = 0; i < names.Count && i < kinds.Count; i++) graph.OutputKinds[names[i]] = Kind(frame, kinds[i]);
        foreach (var (name, value) in outputs)
        {
            var result = frame.Values[value] ?? throw new OnnxExportException($"output '{name}' of network '{scope.Name}' was not computed");
            graph.Nodes.Add(new OnnxNode("Identity", name + "/Identity", new[] { result[0].Name }, new[] { name }, new OnnxAttribute[0]));
            graph.Outputs.Add(Value(name, result[0].Shape));
        }
        graph.Prune();
        return graph;
    }

    /// <summary>An output's kind for the instance's arguments (a block may decide it by a condition on them).</summary>
    private static OutputKind Kind(Frame frame, OutputKindSource source) => source switch
    {
        ConditionalOutputKind choice => Kind(frame, Evaluate(frame, choice.Condition).Bool ? choice.WhenTrue : choice.WhenFalse),
        FixedOutputKind fixedKind => fixedKind.Kind,
        _ => OutputKind.Logits,
    };

    /// <summary>A graph input or output for values of <paramref name="shape"/>: the batch axis first, symbolic axes by their symbol.</summary>
    private static OnnxValue Value(string name, Shape shape)
    {
        var dims = new List<OnnxDimension> { OnnxDimension.Named(BatchSymbol) };
        for (var i = 0; i < shape.Rank; i++) dims.Add(shape.Symbol(i) is { } symbol ? OnnxDimension.Named(symbol) : OnnxDimension.Of(shape[i]));
        return new OnnxValue(name, shape.IsIds ? OnnxElementType.Int64 : OnnxElementType.Float, dims);
    }

    /// <summary>A value of the graph: its name and its sample shape.</summary>
    private readonly record struct Lowered(string Name, Shape Shape);

    private sealed class Frame : IScalarScope
    {
        public Frame(Scope scope, Dictionary<string, ScalarValue> parameters, Frame? root, string path)
        {
            Scope = scope;
            Parameters = parameters;
            Values = new Lowered[]?[scope.Values.Count];
            Root = root ?? this;
            Path = path;
        }

        public Scope Scope { get; }

        public Dictionary<string, ScalarValue> Parameters { get; }

        /// <summary>Each value id's graph values: one for a tensor, several for a parallel's copies or a chunk's parts.</summary>
        public Lowered[]?[] Values { get; }

        public Frame Root { get; }

        public string Path { get; }

        public ScalarValue Parameter(string name) => Parameters[name];

        public Shape? Shape(int value, bool outer) => (outer ? Root : this).Values[value]?[0].Shape;
    }

    private void BindDefaults(Frame frame, List<ParameterInfo> parameters)
    {
        foreach (var parameter in parameters)
        {
            if (frame.Parameters.ContainsKey(parameter.Name)) continue;
            frame.Parameters[parameter.Name] = ScalarEvaluator.Evaluate(parameter.Default!, frame);
        }
    }

    private static ScalarValue Evaluate(Frame frame, Scalar scalar) => ScalarEvaluator.Evaluate(scalar, frame);

    private static bool Present(Frame frame, Scalar? condition) => condition is null || Evaluate(frame, condition).Bool;

    private Lowered Run(Frame frame, Lowered[] inputs)
    {
        var scope = frame.Scope;
        for (var i = 0; i < scope.Inputs.Count && i < inputs.Length; i++) frame.Values[scope.Inputs[i]] = new[] { inputs[i] };
        var index = 0;
        foreach (var instruction in scope.Instructions)
        {
            switch (instruction)
            {
                case SelectInstruction select:
                    frame.Values[select.Result] = frame.Values[Present(frame, select.Condition) ? select.WhenTrue : select.WhenFalse];
                    break;
                case MergeInstruction merge:
                {
                    var values = merge.Inputs.SelectMany(id => Read(frame, id)).ToArray();
                    frame.Values[merge.Result] = new[] { Present(frame, merge.Condition) ? Merge(frame, merge, values) : values[0] };
                    break;
                }
                case FunctionInstruction function:
                {
                    var input = Read(frame, function.Input);
                    frame.Values[function.Result] = Present(frame, function.Condition)
                        ? ApplyOp(frame, function.Layer, new[] { input[0] }, Join(frame.Path, "(" + function.Name + ")"), null, stateless: true)
                        : input;
                    break;
                }
                case ArithmeticInstruction arithmetic:
                {
                    var input = Read(frame, arithmetic.Input);
                    frame.Values[arithmetic.Result] = Present(frame, arithmetic.Condition) ? new[] { Arithmetic(frame, arithmetic, input[0]) } : input;
                    break;
                }
                case LearnedTensorInstruction tensor:
                    frame.Values[tensor.Result] = new[] { LearnedTensor(frame, tensor, inputs[0]) };
                    break;
                case ItemInstruction item:
                    frame.Values[item.Result] = new[] { Read(frame, item.Source)[item.Index] };
                    break;
                case ApplyInstruction apply:
                {
                    var values = apply.Inputs.Select(id => Read(frame, id)[0]).ToArray();
                    if (!Present(frame, apply.Condition))
                    {
                        frame.Values[apply.Result] = new[] { values[0] };
                        break;
                    }
                    if (apply.IsSpliced)
                    {
                        var copies = Evaluate(frame, apply.Repeat!).Int;
                        frame.Values[apply.Result] = new[] { Repeat(frame, apply, values[0], copies, frame.Path, spliced: true, index) };
                        index += (int)copies;
                        break;
                    }
                    var child = apply.Label ?? (index++).ToString(CultureInfo.InvariantCulture);
                    if (apply.Label is not null) index++;
                    var path = Join(frame.Path, child);
                    frame.Values[apply.Result] = apply.Repeat is null
                        ? Apply(frame, apply, values, path, null)
                        : new[] { Repeat(frame, apply, values[0], Evaluate(frame, apply.Repeat).Int, path, spliced: false, 0) };
                    break;
                }
                case GroupInstruction group:
                {
                    var input = Read(frame, group.Input)[0];
                    if (!Present(frame, group.Condition))
                    {
                        frame.Values[group.Result] = new[] { input };
                        break;
                    }
                    var child = group.Label ?? (index++).ToString(CultureInfo.InvariantCulture);
                    if (group.Label is not null) index++;
                    var path = Join(frame.Path, child);
                    if (group.Count is null) frame.Values[group.Result] = new[] { Run(new Frame(group.Body, frame.Parameters, frame.Root, path), new[] { input }) };
                    else
                    {
                        var count = Evaluate(frame, group.Count).Int;
                        var copies = new Lowered[count];
                        for (var i = 0; i < count; i++) copies[i] = Run(new Frame(group.Body, frame.Parameters, frame.Root, Join(path, i.ToString(CultureInfo.InvariantCulture))), new[] { input });
                        frame.Values[group.Result] = copies;
                    }
                    break;
                }
                default:
                    throw new OnnxExportException($"the ONNX export does not know the instruction {instruction.GetType().Name} at '{frame.Path}'");
            }
        }
        return Read(frame, scope.Output)[0];
    }

    private static Lowered[] Read(Frame frame, int value) =>
        frame.Values[value] ?? throw new OnnxExportException($"a value of '{frame.Scope.Name}' at '{frame.Path}' was not computed");

    /// <summary>A chain of copies: children 0..n-1 of <paramref name="path"/>, or, spliced, children of the scope named by the template or numbered on.</summary>
    private Lowered Repeat(Frame frame, ApplyInstruction apply, Lowered input, long count, string path, bool spliced, int firstIndex)
    {
        var value = input;
        for (var i = 0; i < count; i++)
        {
            var name = !spliced ? i.ToString(CultureInfo.InvariantCulture)
                : apply.Template is { } template ? CopyName(frame, template, i)
                : (firstIndex + i).ToString(CultureInfo.InvariantCulture);
            value = Apply(frame, apply, new[] { value }, Join(path, name), apply.ArgumentsReadIndex ? i : null)[0];
        }
        return value;
    }

    private static string CopyName(Frame frame, LabelTemplate template, long index)
    {
        var name = new System.Text.StringBuilder();
        foreach (var part in template.Parts)
        {
            if (part.Text is { } text) name.Append(text);
            else name.Append(Evaluate(frame, AtCopy(part.Value!, index)).Int.ToString(CultureInfo.InvariantCulture));
        }
        return name.ToString();
    }

    private static Scalar AtCopy(Scalar scalar, long index) =>
        scalar.Replace(s => s is IndexScalar ? new ConstantScalar(ScalarValue.OfInt(index), s.Range) : null);

    /// <summary>An op or a block applied as a child at <paramref name="path"/>.</summary>
    private Lowered[] Apply(Frame frame, ApplyInstruction apply, Lowered[] inputs, string path, long? copy)
    {
        var call = apply.Layer;
        if (call.Op is not null) return ApplyOp(frame, call, inputs, path, copy, stateless: false);
        var block = call.Block!;
        var arguments = new Dictionary<string, ScalarValue>();
        foreach (var (name, scalar) in call.Arguments) arguments[name] = Evaluate(frame, copy is { } index ? AtCopy(scalar, index) : scalar);
        var child = new Frame(block.Scope!, arguments, null, path);
        BindDefaults(child, block.Scope!.Parameters);
        return new[] { Run(child, inputs) };
    }

    private Lowered[] ApplyOp(Frame frame, LayerCall call, Lowered[] inputs, string path, long? copy, bool stateless)
    {
        var op = call.Op!;
        var values = new ScalarValue?[op.Arguments.Count];
        foreach (var (name, scalar) in call.Arguments) values[op.IndexOf(name)] = Evaluate(frame, copy is { } index ? AtCopy(scalar, index) : scalar);
        var args = new OpArguments(op, values);
        var shapes = inputs.Select(i => i.Shape).ToArray();
        var result = op.Check(args, shapes, path);
        if (result.Error is { } error) throw new OnnxExportException(error.Message);
        var parts = result.Parts ?? new[] { result.Shape };
        if (!stateless) foreach (var key in op.StateKeys(args, shapes)) _graph.StateKeys.Add(path + "." + key);
        var context = new OnnxOpContext(_graph, op, args, inputs.Select(i => i.Name).ToArray(), shapes, parts, path, frame.Path, stateless);
        var names = op.LowerOnnx(context);
        if (names.Count != parts.Length) throw new OnnxExportException($"the ONNX lowering of {op.Name} at '{path}' gave {names.Count} values for {parts.Length}");
        return names.Select((name, i) => new Lowered(name, parts[i])).ToArray();
    }

    /// <summary>add, mul, concat: inputs of different ranks get the axes they lack, as the sample shapes broadcast (aligned at the last axis).</summary>
    private Lowered Merge(Frame frame, MergeInstruction merge, Lowered[] values)
    {
        var at = Join(frame.Path, "(" + merge.Name + ")");
        var shapes = values.Select(v => v.Shape).ToArray();
        var name = merge.Kind.ToString().ToLowerInvariant();
        ShapeResult result = merge.Kind != MergeKind.Concat ? ShapeRules.Merge(shapes, merge.Kind == MergeKind.Mul, name, at)
            : merge.Axis is null ? ShapeRules.Concat(shapes, name, at)
            : ShapeRules.Concat(shapes, Evaluate(frame, merge.Axis).Int, name, at);
        if (result.Error is { } error) throw new OnnxExportException(error.Message);
        if (merge.Kind == MergeKind.Concat)
        {
            var axis = merge.Axis is null ? 0 : Evaluate(frame, merge.Axis).Int;
            return new Lowered(_graph.Add("Concat", at, values.Select(v => v.Name).ToArray(), OnnxAttribute.Of("axis", axis < 0 ? axis : axis + 1)), result.Shape);
        }
        var rank = result.Shape.Rank;
        var names = values.Select(v => Broadcastable(v, rank, at)).ToArray();
        var op = merge.Kind == MergeKind.Add ? "Add" : "Mul";
        var sum = names[0];
        for (var i = 1; i < names.Length; i++) sum = _graph.Add(op, at, new[] { sum, names[i] });
        return new Lowered(sum, result.Shape);
    }

    /// <summary>
    /// A value of lower rank than the merge's result, with the axes it lacks as size 1: a vector <c>[C]</c> that scales a map's
    /// channels gets them after (<c>[N, C, 1, 1]</c>), any other value before, after the batch axis (NumPy's rule on samples).
    /// </summary>
    private string Broadcastable(Lowered value, int rank, string at)
    {
        var missing = rank - value.Shape.Rank;
        if (missing <= 0) return value.Name;
        var axes = value.Shape.Rank == 1 && rank == 3
            ? new long[] { 2, 3 }
            : Enumerable.Range(1, missing).Select(a => (long)a).ToArray();
        return _graph.Add("Unsqueeze", at, new[] { value.Name, _graph.Int64s(axes) });
    }

    private Lowered Arithmetic(Frame frame, ArithmeticInstruction arithmetic, Lowered input)
    {
        var at = Join(frame.Path, "(" + arithmetic.Name + ")");
        var number = _graph.Float((float)Evaluate(frame, arithmetic.Number).AsFloat);
        var op = arithmetic.Operator switch
        {
            BinaryOperator.Add => "Add",
            BinaryOperator.Subtract => "Sub",
            BinaryOperator.Multiply => "Mul",
            BinaryOperator.Divide => "Div",
            _ => throw new OnnxExportException($"'{arithmetic.Text}' at '{at}': the ONNX export has no lowering for '{arithmetic.Operator.Spelling()}' with a number"),
        };
        var inputs = arithmetic.NumberFirst ? new[] { number, input.Name } : new[] { input.Name, number };
        return new Lowered(_graph.Add(op, at, inputs), input.Shape);
    }

    /// <summary>A learned tensor: the scope's own state_dict entry, expanded to the batch as the generated forward does.</summary>
    private Lowered LearnedTensor(Frame frame, LearnedTensorInstruction tensor, Lowered batchSource)
    {
        var op = (LearnedTensorOp)tensor.Layer.Op!;
        var values = new ScalarValue?[op.Arguments.Count];
        foreach (var (name, scalar) in tensor.Layer.Arguments) values[op.IndexOf(name)] = Evaluate(frame, scalar);
        var args = new OpArguments(op, values);
        var path = Join(frame.Path, tensor.Name);
        var result = op.Infer(args, default(Shape), path);
        if (result.Error is { } error) throw new OnnxExportException(error.Message);
        var sizes = args.Ints("sizes");
        _graph.StateKeys.Add(path);
        var stored = _graph.Weight(path, sizes);
        var batched = args.Bool("batch_axis") ? stored : _graph.Add("Unsqueeze", path, new[] { stored, _graph.Int64s(new long[] { 0 }) });
        var sample = result.Shape.ToArray();
        var batch = _graph.Add("Shape", path + "/batch", new[] { batchSource.Name }, OnnxAttribute.Of("start", 0L), OnnxAttribute.Of("end", 1L));
        var target = _graph.Add("Concat", path + "/shape", new[] { batch, _graph.Int64s(sample) }, OnnxAttribute.Of("axis", 0L));
        return new Lowered(_graph.Add("Expand", path, new[] { batched, target }), result.Shape);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
