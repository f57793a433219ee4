using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Catalog;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// Evaluates a network's IR for its declared parameter values: computes every value's shape with
/// <see cref="ShapeRules"/>, names every child, counts parameters and reports shape problems. A problem inside
/// a block is reported at the line in the block, with the call sites as additional locations.
/// </summary>
internal sealed partial class Checker
{
    public const long MaxRepeat = 100_000;
    public const int MaxLayers = 100_000;

    private readonly DiagnosticBag _diagnostics;
    private readonly ICheckObserver? _observer;
    private readonly LayerLimit _limit;
    private readonly List<LayerInfo> _rows = new();
    /// <summary>The block calls being checked, innermost first; made spans only when a problem is reported.</summary>
    private readonly Stack<(SourceText Source, TextRange Range)> _callSites = new();
    private long _parameters;
    private long _buffers;
    private long _multiplyAccumulates;
    private long _activationBytes;
    private bool _failed;
    private int _layerCount;

    private Checker(DiagnosticBag diagnostics, ICheckObserver? observer, LayerLimit limit)
    {
        _diagnostics = diagnostics;
        _observer = observer;
        _limit = limit;
    }

    private sealed class Frame : IScalarScope
    {
        public Frame(Scope scope, Dictionary<string, ScalarValue> parameters, Shape[]?[] values, Frame? root)
        {
            Scope = scope;
            Parameters = parameters;
            Values = values;
            Root = root ?? this;
        }

        public Scope Scope { get; }

        public Dictionary<string, ScalarValue> Parameters { get; }

        /// <summary>Shapes of each value id: one for a tensor, several for the copies of a parallel body.</summary>
        public Shape[]?[] Values { get; }

        public Frame Root { get; }

        /// <summary>The path of the scope this frame runs (its children's paths start with it).</summary>
        public string Path { get; set; } = "";

        public ScalarValue Parameter(string name) => Parameters[name];

        public Shape? Shape(int value, bool outer) => (outer ? Root : this).Values[value]?[0];
    }

    /// <param name="observer">Told every layer's and scope's shapes as they are computed (tools); the build passes none.</param>
    /// <param name="limit">How many layers the network may have; null: <see cref="LayerLimit.Network"/>.</param>
    /// <param name="arguments">Values of some or all of the network's parameters instead of their defaults (an instance's arguments, an export for other arguments); each is checked against its parameter (ND0114); the build passes none.</param>
    public static CheckedNetwork Check(Scope network, NetworkSyntax syntax, InputDeclaration inputShape, DiagnosticBag diagnostics, ICheckObserver? observer = null, LayerLimit? limit = null, IReadOnlyDictionary<string, ScalarValue>? arguments = null)
    {
        var checker = new Checker(diagnostics, observer, limit ?? LayerLimit.Network);
        var frame = new Frame(network, new Dictionary<string, ScalarValue>(), new Shape[network.Values.Count][], null);
        Shape input = default;
        Shape output = default;
        if (checker.BindArguments(frame, syntax, arguments) && checker.BindDefaults(frame, network.Parameters))
        {
            var dims = new List<long>();
            foreach (var dimension in inputShape.Sizes)
            {
                if (checker.Evaluate(frame, dimension) is { } value) dims.Add(value.Int);
            }
            if (dims.Count == inputShape.Sizes.Count && dims.Count > 0)
            {
                var result = ShapeRules.Input(dims.ToArray(), network.Name, inputShape.Symbols.ToArray(), inputShape.Elements);
                if (result.Error is { } error) checker.Report(network.Source, syntax.InputRange, error);
                else
                {
                    input = result.Shape;
                    if (checker.Run(frame, new[] { input }, "") is { } shape) output = shape;
                }
            }
            else if (inputShape.Sizes.Count == 0)
            {
                checker._failed = true;
                if (syntax.InputRange != syntax.NameRange)
                    checker.Report(network.Source, syntax.InputRange, DiagnosticCatalog.InvalidArgumentValue, $"network '{network.Name}' declares an empty input shape; write [C, H, W] (an image) or [N] (a vector)");
            }
        }
        var shapes = new Shape?[frame.Values.Length];
        for (var i = 0; i < frame.Values.Length; i++)
        {
            if (frame.Values[i] is { Length: 1 } value) shapes[i] = value[0];
        }
        return new CheckedNetwork(network, syntax, input, output, checker._rows, checker._parameters, checker._buffers, checker._failed || diagnostics.HasErrors, shapes) { Truncated = checker._layerCount > checker._limit.Layers, DeclaredBuffers = checker._declaredBuffers, MultiplyAccumulates = checker._multiplyAccumulates, ActivationBytes = checker._activationBytes };
    }

    /// <summary>Binds given arguments to the network's parameters (an int where a float is declared is that float); false after reporting one that does not fit.</summary>
    private bool BindArguments(Frame frame, NetworkSyntax syntax, IReadOnlyDictionary<string, ScalarValue>? arguments)
    {
        foreach (var argument in arguments ?? new Dictionary<string, ScalarValue>())
        {
            var (name, value) = (argument.Key, argument.Value);
            var parameter = frame.Scope.Parameters.FirstOrDefault(p => p.Name == name);
            var bound = parameter is null ? (ScalarValue?)null
                : parameter.Type == value.Kind ? value
                : parameter.Type == ValueKind.Float && value.Kind == ValueKind.Int ? ScalarValue.OfFloat(value.Int)
                : null;
            if (bound is null)
            {
                Report(frame.Scope.Source, syntax.NameRange, DiagnosticCatalog.InvalidArgumentValue, parameter is null
                    ? $"network '{frame.Scope.Name}' has no parameter '{name}'; its parameters are {(frame.Scope.Parameters.Count == 0 ? "none" : string.Join(", ", frame.Scope.Parameters.Select(p => p.Name)))}"
                    : $"parameter '{name}' of network '{frame.Scope.Name}' takes {parameter.Type.Describe()}, not {value}");
                return false;
            }
            frame.Parameters[name] = bound.Value;
        }
        return true;
    }

    private bool BindDefaults(Frame frame, List<ParameterInfo> parameters)
    {
        foreach (var parameter in parameters)
        {
            if (frame.Parameters.ContainsKey(parameter.Name)) continue;
            if (parameter.Default is null)
            {
                _failed = true;
                return false;
            }
            if (Evaluate(frame, parameter.Default) is not { } value) return false;
            frame.Parameters[parameter.Name] = value;
        }
        return true;
    }

    /// <summary>
    /// Runs a scope on input shapes; returns the output shape, or null when it is unknown. A layer that fails (reported)
    /// leaves its result unknown, and so everything computed from it, silently; the other statements are still checked,
    /// so one build reports every independent problem. Children take their index whether or not they can be checked.
    /// </summary>
    /// <summary>
    /// Adds a summary row, and its multiply-accumulates and activation bytes to the network's totals; false after reporting
    /// a total past 64 bits at <paramref name="range"/>.
    /// </summary>
    private bool AddRow(LayerInfo row, SourceText source, TextRange range)
    {
        _rows.Add(row);
        try
        {
            _multiplyAccumulates = checked(_multiplyAccumulates + row.MultiplyAccumulates);
            _activationBytes = checked(_activationBytes + row.Output.ElementCount * BytesPerElement);
            return true;
        }
        catch (OverflowException)
        {
            Report(source, range, DiagnosticCatalog.SizeOverflow, $"the network computes more than 2^63 multiply-accumulates or bytes of activations at '{row.Path}'; check its sizes");
            return false;
        }
    }

    /// <summary>Activations are counted as float32, the dtype networks are built in.</summary>
    private const long BytesPerElement = 4;

    private Shape? Run(Frame frame, Shape[] inputs, string path)
    {
        if (_observer is null) return RunScope(frame, inputs, path);
        var before = _parameters;
        try
        {
            return RunScope(frame, inputs, path);
        }
        finally
        {
            _observer.ScopeChecked(frame.Scope, path, frame.Values, frame, _parameters - before);
        }
    }

    private Shape? RunScope(Frame frame, Shape[] inputs, string path)
    {
        var scope = frame.Scope;
        frame.Path = path;
        for (var i = 0; i < scope.Inputs.Count && i < inputs.Length; i++) frame.Values[scope.Inputs[i]] = new[] { inputs[i] };
        var index = 0;
        var children = new ChildNames(this, frame.Scope, CanCollide(frame.Scope));
        foreach (var instruction in scope.Instructions)
        {
            if (_failed && _rows.Count > _limit.Layers) return null;
            switch (instruction)
            {
                case SelectInstruction select:
                {
                    var chosen = Present(frame, select.Condition) ? select.WhenTrue : select.WhenFalse;
                    frame.Values[select.Result] = frame.Values[chosen];
                    break;
                }
                case MergeInstruction merge:
                {
                    if (merge.Inputs.Any(id => frame.Values[id] is null)) break;
                    var shapes = merge.Inputs.SelectMany(id => frame.Values[id]!).ToArray();
                    if (!Present(frame, merge.Condition))
                    {
                        frame.Values[merge.Result] = new[] { shapes[0] };
                        break;
                    }
                    var name = merge.Kind.ToString().ToLowerInvariant();
                    // Merges are not modules: "(add)" after the scope path keeps their rows apart from children.
                    var at = path + "(" + merge.Name + ")";
                    ShapeResult result;
                    var text = name;
                    if (merge.Kind != MergeKind.Concat) result = ShapeRules.Merge(shapes, merge.Kind == MergeKind.Mul, name, at);
                    else if (merge.Axis is null) result = ShapeRules.Concat(shapes, name, at);
                    else if (Evaluate(frame, merge.Axis) is { } axis)
                    {
                        result = ShapeRules.Concat(shapes, axis.Int, name, at);
                        text = name + "(dim: " + CallText.Value(axis) + ")";
                    }
                    else break;
                    if (!Accept(scope.Source, merge.Range, result)) break;
                    if (!AddRow(new LayerInfo(at, text, result.Shape, 0, 0), scope.Source, merge.Range)) break;
                    frame.Values[merge.Result] = new[] { result.Shape };
                    break;
                }
                case FunctionInstruction function:
                {
                    if (frame.Values[function.Input] is not { } input) break;
                    if (!Present(frame, function.Condition))
                    {
                        frame.Values[function.Result] = input;
                        break;
                    }
                    frame.Values[function.Result] = ApplyFunction(frame, function, input[0], path + "(" + function.Name + ")");
                    break;
                }
                case ArithmeticInstruction arithmetic:
                {
                    if (frame.Values[arithmetic.Input] is not { } input) break;
                    if (!Present(frame, arithmetic.Condition))
                    {
                        frame.Values[arithmetic.Result] = input;
                        break;
                    }
                    if (Evaluate(frame, arithmetic.Number) is not { } number) break;
                    var at = path + "(" + arithmetic.Name + ")";
                    var result = ShapeRules.Arithmetic(input[0], arithmetic.Name, at);
                    if (!Accept(scope.Source, arithmetic.Range, result)) break;
                    if (!AddRow(new LayerInfo(at, CallText.Of(arithmetic, number), result.Shape, 0, 0), scope.Source, arithmetic.Range)) break;
                    frame.Values[arithmetic.Result] = new[] { result.Shape };
                    break;
                }
                case LearnedTensorInstruction tensor:
                {
                    if (LearnedTensor(frame, tensor, Join(path, tensor.Name)) is not { } shape) return null;
                    frame.Values[tensor.Result] = new[] { shape };
                    break;
                }
                case ItemInstruction item:
                {
                    if (frame.Values[item.Source] is not { } parts) break;
                    if (parts.Length != item.Count)
                    {
                        if (item.Index == 0) Report(scope.Source, item.Range, ShapeRules.Binding(parts.Length, item.Count));
                        break;
                    }
                    frame.Values[item.Result] = new[] { parts[item.Index] };
                    break;
                }
                case ApplyInstruction apply:
                {
                    var inputShapes = InputShapes(frame, apply.Inputs);
                    if (!Present(frame, apply.Condition))
                    {
                        frame.Values[apply.Result] = inputShapes is null ? null : new[] { inputShapes[0] };
                        break;
                    }
                    if (apply.IsSpliced)
                    {
                        if (Count(frame, apply.Repeat!, "repetitions", minimum: 0) is not { } copies) break;
                        var spliced = inputShapes is null ? null : RepeatLayer(frame, apply, inputShapes[0], copies, path, children, index);
                        index += (int)copies;
                        if (spliced is { } shape) frame.Values[apply.Result] = new[] { shape };
                        break;
                    }
                    var child = apply.Label ?? (index++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (apply.Label is not null) index++;
                    children.Claim(child, apply.Label is null ? ChildNames.Index : ChildNames.Label, apply.Label is null ? apply.Range : apply.LabelRange);
                    if (inputShapes is null) break;
                    var childPath = Join(path, child);
                    var output = apply.Repeat is null
                        ? ApplyLayer(frame, apply, inputShapes, childPath)
                        : Count(frame, apply.Repeat, "repetitions", minimum: 0) is { } count ? RepeatLayer(frame, apply, inputShapes[0], count, childPath, null) : null;
                    if (output is { } applied) frame.Values[apply.Result] = new[] { applied };
                    break;
                }
                case GroupInstruction group:
                {
                    var input = frame.Values[group.Input]?[0];
                    if (!Present(frame, group.Condition))
                    {
                        frame.Values[group.Result] = input is null ? null : new[] { input.Value };
                        break;
                    }
                    var child = group.Label ?? (index++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (group.Label is not null) index++;
                    children.Claim(child, group.Label is null ? ChildNames.Index : ChildNames.Label, group.Label is null ? group.Range : group.LabelRange);
                    if (input is null) break;
                    var childPath = Join(path, child);
                    if (group.Count is null)
                    {
                        if (RunChild(frame, group.Body, input.Value, childPath) is { } shape) frame.Values[group.Result] = new[] { shape };
                    }
                    else if (Count(frame, group.Count, "parallel copies") is { } count)
                    {
                        var shapes = new Shape[count];
                        var known = true;
                        for (var i = 0; i < count; i++)
                        {
                            if (RunChild(frame, group.Body, input.Value, Join(childPath, i.ToString(System.Globalization.CultureInfo.InvariantCulture))) is { } shape) shapes[i] = shape;
                            else known = false;
                        }
                        if (known) frame.Values[group.Result] = shapes;
                    }
                    break;
                }
            }
        }
        return scope.Output >= 0 ? frame.Values[scope.Output]?[0] : null;
    }

    /// <summary>The shapes of a layer's inputs, or null when one is unknown.</summary>
    private static Shape[]? InputShapes(Frame frame, IReadOnlyList<int> inputs)
    {
        var shapes = new Shape[inputs.Count];
        for (var i = 0; i < shapes.Length; i++)
        {
            if (frame.Values[inputs[i]] is not { } value) return null;
            shapes[i] = value[0];
        }
        return shapes;
    }

    /// <summary>
    /// The names of one scope's children, to report two that collide where the lowerer cannot see it: a label and an
    /// index (<c>"1": relu</c> before an unlabelled layer), or a label and a copy named by a template (ND0110).
    /// </summary>
    private sealed class ChildNames
    {
        public const string Label = "a label";
        public const string Index = "the index of an unlabelled child";
        public const string Copy = "a copy of a repetition";

        private readonly Checker _checker;
        private readonly Scope _scope;
        private readonly Dictionary<string, string>? _names;

        /// <param name="check">False for a scope whose names cannot collide: nothing is kept then.</param>
        public ChildNames(Checker checker, Scope scope, bool check)
        {
            _checker = checker;
            _scope = scope;
            _names = check ? new Dictionary<string, string>() : null;
        }

        /// <param name="what">How the child got its name: two labels that are the same are the lowerer's to report.</param>
        public void Claim(string name, string what, TextRange range)
        {
            if (_names is null) return;
            if (!_names.TryGetValue(name, out var first))
            {
                _names[name] = what;
                return;
            }
            if (what == Label && first == Label) return;
            _checker.Report(_scope.Source, range, DiagnosticCatalog.DuplicateLabel,
                $"two children of '{_scope.Name}' are named '{name}', by {first} and by {what}; state_dict keys must be unique, change the label");
        }
    }

    private readonly Dictionary<Scope, bool> _canCollide = new(ReferenceComparer<Scope>.Instance);

    /// <summary>
    /// Whether two children of the scope may get one name that the lowerer did not see: only when a repetition names its
    /// copies (a template, <c>*:</c>) or a label is a number, as an index is.
    /// </summary>
    private bool CanCollide(Scope scope)
    {
        if (_canCollide.TryGetValue(scope, out var known)) return known;
        var result = scope.Instructions.Any(i => i is ApplyInstruction { IsSpliced: true }
                                                 || (i is ApplyInstruction { Label: { } a } && a.All(char.IsDigit))
                                                 || (i is GroupInstruction { Label: { } g } && g.All(char.IsDigit)));
        _canCollide[scope] = result;
        return result;
    }

    private Shape? RunChild(Frame frame, Scope body, Shape input, string path)
    {
        var child = new Frame(body, frame.Parameters, new Shape[body.Values.Count][], frame.Root);
        return Run(child, new[] { input }, path);
    }

    /// <summary>
    /// A chain of <paramref name="count"/> copies: children 0..n-1 of a container at <paramref name="path"/>, or, with
    /// <paramref name="children"/> (a spliced repetition), children of the scope at <paramref name="path"/> named by the
    /// label's template (<c>name1</c> ... <c>nameN</c>) or numbered on from <paramref name="firstIndex"/> (<c>*:</c>).
    /// </summary>
    private Shape? RepeatLayer(Frame frame, ApplyInstruction apply, Shape input, long count, string path, ChildNames? children, int firstIndex = 0)
    {
        var shape = input;
        for (var i = 0; i < count; i++)
        {
            var name = children is null ? i.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : apply.Template is { } template ? CopyName(frame, template, i)
                : (firstIndex + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (name is null) return null;
            children?.Claim(name, apply.Template is null ? ChildNames.Index : ChildNames.Copy, apply.LabelRange);
            var next = ApplyLayer(frame, apply, new[] { shape }, Join(path, name), apply.ArgumentsReadIndex ? i : null);
            if (next is null) return null;
            shape = next.Value;
        }
        return shape;
    }

    /// <summary>The name a template label gives copy <paramref name="index"/>, or null after reporting why it has none.</summary>
    private string? CopyName(Frame frame, LabelTemplate template, long index)
    {
        var name = new System.Text.StringBuilder();
        foreach (var part in template.Parts)
        {
            if (part.Text is { } text) name.Append(text);
            else if (Evaluate(frame, AtCopy(part.Value!, index)) is { } value) name.Append(value.Int.ToString(System.Globalization.CultureInfo.InvariantCulture));
            else return null;
        }
        return name.ToString();
    }

    /// <summary><paramref name="scalar"/> for the copy <paramref name="index"/> of a repetition: its index read as that number.</summary>
    private static Scalar AtCopy(Scalar scalar, long index) =>
        scalar.Replace(s => s is IndexScalar ? new ConstantScalar(ScalarValue.OfInt(index), s.Range) : null);

    private long? Count(Frame frame, Scalar count, string what, long minimum = 1)
    {
        if (Evaluate(frame, count) is not { } value) return null;
        if (value.Int < minimum || value.Int > MaxRepeat)
        {
            Report(frame.Scope.Source, count.Range, DiagnosticCatalog.RepeatCountTooLarge,
                $"{value.Int} {what}: the count must be between {minimum} and {MaxRepeat:N0}");
            return null;
        }
        return value.Int;
    }

    /// <summary>An op applied as a function: its shape (several for chunk and split), one summary row each, no parameters.</summary>
    private Shape[]? ApplyFunction(Frame frame, FunctionInstruction function, Shape input, string path)
    {
        var op = function.Layer.Op!;
        if (Arguments(frame, op, function.Layer) is not { } args) return null;
        ShapeResult result;
        try
        {
            result = op.Check(args, input, path);
        }
        catch (OverflowException)
        {
            result = new ShapeError(DiagnosticCatalog.SizeOverflow.Id, $"{op.Name} at '{path}' computes a size beyond 64 bits from input {input}; check its arguments");
        }
        if (!Accept(frame.Scope.Source, function.Range, result)) return null;
        var parts = result.Parts ?? new[] { result.Shape };
        var text = CallText.Of(function.Layer, args);
        for (var i = 0; i < parts.Length; i++)
        {
            if (!AddRow(new LayerInfo(result.Parts is null ? path : path + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", text, parts[i], 0, 0), frame.Scope.Source, function.Range)) return null;
        }
        return parts;
    }

    /// <summary>An op's arguments evaluated for the frame's parameter values, or null after reporting why not.</summary>
    /// <param name="copy">The index of this copy of a repetition whose arguments read it (<c>B(i) for i in n</c>).</param>
    private OpArguments? Arguments(Frame frame, OpDefinition op, LayerCall call, long? copy = null)
    {
        var values = new ScalarValue?[op.Arguments.Count];
        foreach (var (name, scalar) in call.Arguments)
        {
            if (Evaluate(frame, copy is { } index ? AtCopy(scalar, index) : scalar) is not { } value) return null;
            values[op.IndexOf(name)] = value;
        }
        return new OpArguments(op, values);
    }

    /// <param name="copy">The index of this copy of a repetition whose arguments read it (<c>B(i) for i in n</c>).</param>
    private Shape? ApplyLayer(Frame frame, ApplyInstruction apply, Shape[] inputs, string path, long? copy = null)
    {
        if (++_layerCount > _limit.Layers)
        {
            if (_layerCount == _limit.Layers + 1) Report(frame.Scope.Source, apply.Range, _limit.Descriptor, _limit.Message);
            _failed = true;
            return null;
        }
        var call = apply.Layer;
        if (call.Op is { } op)
        {
            if (Arguments(frame, op, call, copy) is not { } args) return null;
            ShapeResult result;
            try
            {
                result = op.Check(args, inputs, path);
            }
            catch (OverflowException)
            {
                // Sizes derived from huge arguments (channels * multiplier) past 64 bits.
                result = new ShapeError(DiagnosticCatalog.SizeOverflow.Id, $"{op.Name} at '{path}' computes a size beyond 64 bits from input {inputs[0]}; check its arguments");
            }
            if (!Accept(frame.Scope.Source, call.Range, result)) return null;
            ParameterCount count;
            long multiplyAccumulates;
            try
            {
                count = op.CountParameters(args, inputs, result.Shape);
                _parameters = checked(_parameters + count.Trainable);
                _buffers = checked(_buffers + count.Buffers);
            }
            catch (OverflowException)
            {
                Report(frame.Scope.Source, call.Range, DiagnosticCatalog.SizeOverflow, $"{op.Name} at '{path}' has more than 2^63 parameters; check its sizes");
                return null;
            }
            try
            {
                multiplyAccumulates = op.CountMultiplyAccumulates(args, inputs, result.Shape);
            }
            catch (OverflowException)
            {
                Report(frame.Scope.Source, call.Range, DiagnosticCatalog.SizeOverflow, $"{op.Name} at '{path}' computes more than 2^63 multiply-accumulates; check its sizes");
                return null;
            }
            if (!Tie(frame, op, call, args, inputs[0], result.Shape, path)) return null;
            var text = CallText.Of(call, args);
            if (!AddRow(new LayerInfo(path, text, result.Shape, count.Trainable, count.Buffers, multiplyAccumulates), frame.Scope.Source, call.Range)) return null;
            _observer?.LayerChecked(frame.Scope, apply, path, result.Shape, count.Trainable, multiplyAccumulates, text);
            return result.Shape;
        }
        var block = call.Block!;
        var arguments = new Dictionary<string, ScalarValue>(call.Arguments.Count);
        foreach (var (name, scalar) in call.Arguments)
        {
            if (Evaluate(frame, copy is { } index ? AtCopy(scalar, index) : scalar) is not { } value) return null;
            arguments[name] = value;
        }
        if (block.Scope is null) return null;
        var child = new Frame(block.Scope, arguments, new Shape[block.Scope.Values.Count][], null);
        _callSites.Push((frame.Scope.Source, call.Range));
        try
        {
            if (!BindDefaults(child, block.Scope.Parameters)) return null;
            var before = _parameters;
            var macsBefore = _multiplyAccumulates;
            var output = Run(child, inputs, path);
            if (output is { } shape) _observer?.LayerChecked(frame.Scope, apply, path, shape, _parameters - before, _multiplyAccumulates - macsBefore, null);
            return output;
        }
        finally
        {
            _callSites.Pop();
        }
    }

    private bool Present(Frame frame, Scalar? condition) => condition is null || (Evaluate(frame, condition)?.Bool ?? false);

    private ScalarValue? Evaluate(Frame frame, Scalar scalar)
    {
        try
        {
            return ScalarEvaluator.Evaluate(scalar, frame);
        }
        catch (ScalarEvaluationException error)
        {
            if (!error.Unknown) Report(frame.Scope.Source, error.Range, error.Descriptor, error.Message);
            return null;
        }
    }

    private bool Accept(SourceText source, TextRange range, ShapeResult result)
    {
        if (result.Warning is { } warning) Report(source, range, warning);
        if (result.Error is { } error)
        {
            Report(source, range, error);
            return false;
        }
        return true;
    }

    private void Report(SourceText source, TextRange range, ShapeError error)
    {
        var descriptor = DiagnosticCatalog.All.First(d => d.Id == error.Id);
        Report(source, range, descriptor, error.Message);
    }

    /// <summary>Problems found inside blocks, by place and ID: a block used many times has one problem per line, not one per call.</summary>
    private readonly HashSet<(string, int, string)> _inBlocks = new();

    private void Report(SourceText source, TextRange range, DslDescriptor descriptor, string message)
    {
        if (descriptor.Severity == DslSeverity.Error) _failed = true;
        if (_callSites.Count > 0 && !_inBlocks.Add((source.Path, range.Start, descriptor.Id))) return;
        var calls = _callSites.Select(site => site.Source.Span(site.Range)).ToArray();
        var suffix = calls.Length == 0 ? "" : $" (in block, called at {calls[0]})";
        _diagnostics.Report(descriptor, source.Span(range), message + suffix, calls.ToEquatableArray());
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
