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
    private readonly List<LayerInfo> _rows = new();
    /// <summary>The block calls being checked, innermost first; made spans only when a problem is reported.</summary>
    private readonly Stack<(SourceText Source, TextRange Range)> _callSites = new();
    private long _parameters;
    private long _buffers;
    private bool _failed;
    private int _layerCount;

    private Checker(DiagnosticBag diagnostics) => _diagnostics = diagnostics;

    private sealed class Frame : IScalarScope
    {
        public Frame(Scope scope, Dictionary<string, ScalarValue> parameters, Shape[][] values, Frame? root)
        {
            Scope = scope;
            Parameters = parameters;
            Values = values;
            Root = root ?? this;
        }

        public Scope Scope { get; }

        public Dictionary<string, ScalarValue> Parameters { get; }

        /// <summary>Shapes of each value id: one for a tensor, several for the copies of a parallel body.</summary>
        public Shape[][] Values { get; }

        public Frame Root { get; }

        /// <summary>The path of the scope this frame runs (its children's paths start with it).</summary>
        public string Path { get; set; } = "";

        public ScalarValue Parameter(string name) => Parameters[name];

        public Shape? Shape(int value, bool outer) => (outer ? Root : this).Values[value]?[0];
    }

    public static CheckedNetwork Check(Scope network, NetworkSyntax syntax, InputDeclaration inputShape, DiagnosticBag diagnostics)
    {
        var checker = new Checker(diagnostics);
        var frame = new Frame(network, new Dictionary<string, ScalarValue>(), new Shape[network.Values.Count][], null);
        Shape input = default;
        Shape output = default;
        if (checker.BindDefaults(frame, network.Parameters))
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
        return new CheckedNetwork(network, syntax, input, output, checker._rows, checker._parameters, checker._buffers, checker._failed || diagnostics.HasErrors, shapes) { Truncated = checker._layerCount > MaxLayers, DeclaredBuffers = checker._declaredBuffers };
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

    /// <summary>Runs a scope on input shapes; returns the output shape, or null after reporting why not.</summary>
    private Shape? Run(Frame frame, Shape[] inputs, string path)
    {
        var scope = frame.Scope;
        frame.Path = path;
        for (var i = 0; i < scope.Inputs.Count && i < inputs.Length; i++) frame.Values[scope.Inputs[i]] = new[] { inputs[i] };
        var index = 0;
        foreach (var instruction in scope.Instructions)
        {
            if (_failed && _rows.Count > MaxLayers) return null;
            switch (instruction)
            {
                case SelectInstruction select:
                {
                    var chosen = Present(frame, select.Condition) ? select.WhenTrue : select.WhenFalse;
                    if (frame.Values[chosen] is not { } value) return null;
                    frame.Values[select.Result] = value;
                    break;
                }
                case MergeInstruction merge:
                {
                    var shapes = merge.Inputs.SelectMany(id => frame.Values[id] ?? Array.Empty<Shape>()).ToArray();
                    if (merge.Inputs.Any(id => frame.Values[id] is null)) return null;
                    if (!Present(frame, merge.Condition))
                    {
                        frame.Values[merge.Result] = new[] { shapes[0] };
                        break;
                    }
                    var name = merge.Kind.ToString().ToLowerInvariant();
                    // Merges are not modules: "(add)" after the scope path keeps their rows apart from children.
                    var at = path + "(" + merge.Name + ")";
                    ShapeResult result;
                    if (merge.Kind != MergeKind.Concat) result = ShapeRules.Merge(shapes, merge.Kind == MergeKind.Mul, name, at);
                    else if (merge.Axis is null) result = ShapeRules.Concat(shapes, name, at);
                    else if (Evaluate(frame, merge.Axis) is { } axis) result = ShapeRules.Concat(shapes, axis.Int, name, at);
                    else return null;
                    if (!Accept(scope.Source, merge.Range, result)) return null;
                    frame.Values[merge.Result] = new[] { result.Shape };
                    _rows.Add(new LayerInfo(at, name, result.Shape, 0, 0));
                    break;
                }
                case FunctionInstruction function:
                {
                    if (frame.Values[function.Input] is not { } input) return null;
                    if (!Present(frame, function.Condition))
                    {
                        frame.Values[function.Result] = input;
                        break;
                    }
                    var parts = ApplyFunction(frame, function, input[0], path + "(" + function.Name + ")");
                    if (parts is null) return null;
                    frame.Values[function.Result] = parts;
                    break;
                }
                case ArithmeticInstruction arithmetic:
                {
                    if (frame.Values[arithmetic.Input] is not { } input) return null;
                    if (!Present(frame, arithmetic.Condition))
                    {
                        frame.Values[arithmetic.Result] = input;
                        break;
                    }
                    if (Evaluate(frame, arithmetic.Number) is null) return null;
                    var at = path + "(" + arithmetic.Name + ")";
                    var result = ShapeRules.Arithmetic(input[0], arithmetic.Name, at);
                    if (!Accept(scope.Source, arithmetic.Range, result)) return null;
                    frame.Values[arithmetic.Result] = new[] { result.Shape };
                    _rows.Add(new LayerInfo(at, arithmetic.Text, result.Shape, 0, 0));
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
                    if (frame.Values[item.Source] is not { } parts) return null;
                    if (parts.Length != item.Count)
                    {
                        if (item.Index == 0) Report(scope.Source, item.Range, ShapeRules.Binding(parts.Length, item.Count));
                        return null;
                    }
                    frame.Values[item.Result] = new[] { parts[item.Index] };
                    break;
                }
                case ApplyInstruction apply:
                {
                    var inputShapes = new Shape[apply.Inputs.Count];
                    for (var i = 0; i < inputShapes.Length; i++)
                    {
                        if (frame.Values[apply.Inputs[i]] is not { } shapes) return null;
                        inputShapes[i] = shapes[0];
                    }
                    if (!Present(frame, apply.Condition))
                    {
                        frame.Values[apply.Result] = new[] { inputShapes[0] };
                        break;
                    }
                    if (apply.IsSpliced)
                    {
                        var spliced = RepeatLayer(frame, apply, inputShapes[0], path, apply.LabelPrefix, index);
                        if (spliced is null) return null;
                        index += (int)spliced.Value.Count;
                        frame.Values[apply.Result] = new[] { spliced.Value.Shape };
                        break;
                    }
                    var childPath = Join(path, apply.Label ?? (index++).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (apply.Label is not null) index++;
                    var shape = apply.Repeat is null
                        ? ApplyLayer(frame, apply, inputShapes, childPath)
                        : RepeatLayer(frame, apply, inputShapes[0], childPath, null)?.Shape;
                    if (shape is null) return null;
                    frame.Values[apply.Result] = new[] { shape.Value };
                    break;
                }
                case GroupInstruction group:
                {
                    var input = frame.Values[group.Input]?[0];
                    if (input is null) return null;
                    if (!Present(frame, group.Condition))
                    {
                        frame.Values[group.Result] = new[] { input.Value };
                        break;
                    }
                    var childPath = Join(path, group.Label ?? (index++).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (group.Label is not null) index++;
                    if (group.Count is null)
                    {
                        var shape = RunChild(frame, group.Body, input.Value, childPath);
                        if (shape is null) return null;
                        frame.Values[group.Result] = new[] { shape.Value };
                    }
                    else
                    {
                        if (Count(frame, group.Count, "parallel copies") is not { } count) return null;
                        var shapes = new Shape[count];
                        for (var i = 0; i < count; i++)
                        {
                            var shape = RunChild(frame, group.Body, input.Value, Join(childPath, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                            if (shape is null) return null;
                            shapes[i] = shape.Value;
                        }
                        frame.Values[group.Result] = shapes;
                    }
                    break;
                }
            }
        }
        return scope.Output >= 0 ? frame.Values[scope.Output]?[0] : null;
    }

    private Shape? RunChild(Frame frame, Scope body, Shape input, string path)
    {
        var child = new Frame(body, frame.Parameters, new Shape[body.Values.Count][], frame.Root);
        return Run(child, new[] { input }, path);
    }

    /// <summary>
    /// A chain of copies: children 0..n-1 of a container at <paramref name="path"/>, or, with a
    /// <paramref name="prefix"/> (<c>name*:</c>), children prefix1..prefixN of the scope at <paramref name="path"/>.
    /// </summary>
    private (Shape Shape, long Count)? RepeatLayer(Frame frame, ApplyInstruction apply, Shape input, string path, string? prefix, int firstIndex = 0)
    {
        if (Count(frame, apply.Repeat!, "repetitions", minimum: 0) is not { } count) return null;
        var shape = input;
        for (var i = 0; i < count; i++)
        {
            var name = prefix switch
            {
                null => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "" => (firstIndex + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => prefix + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var next = ApplyLayer(frame, apply, new[] { shape }, Join(path, name));
            if (next is null) return null;
            shape = next.Value;
        }
        return (shape, count);
    }

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
        for (var i = 0; i < parts.Length; i++)
            _rows.Add(new LayerInfo(result.Parts is null ? path : path + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", function.Layer.Text, parts[i], 0, 0));
        return parts;
    }

    /// <summary>An op's arguments evaluated for the frame's parameter values, or null after reporting why not.</summary>
    private OpArguments? Arguments(Frame frame, OpDefinition op, LayerCall call)
    {
        var values = new ScalarValue?[op.Arguments.Count];
        foreach (var (name, scalar) in call.Arguments)
        {
            if (Evaluate(frame, scalar) is not { } value) return null;
            values[op.IndexOf(name)] = value;
        }
        return new OpArguments(op, values);
    }

    private Shape? ApplyLayer(Frame frame, ApplyInstruction apply, Shape[] inputs, string path)
    {
        if (++_layerCount > MaxLayers)
        {
            if (_layerCount == MaxLayers + 1)
                Report(frame.Scope.Source, apply.Range, DiagnosticCatalog.RepeatCountTooLarge, $"the network has more than {MaxLayers:N0} layers; NetDsl stops checking here");
            _failed = true;
            return null;
        }
        var call = apply.Layer;
        if (call.Op is { } op)
        {
            if (Arguments(frame, op, call) is not { } args) return null;
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
            if (!Tie(frame, op, call, args, inputs[0], result.Shape, path)) return null;
            _rows.Add(new LayerInfo(path, call.Text, result.Shape, count.Trainable, count.Buffers));
            return result.Shape;
        }
        var block = call.Block!;
        var arguments = new Dictionary<string, ScalarValue>(call.Arguments.Count);
        foreach (var (name, scalar) in call.Arguments)
        {
            if (Evaluate(frame, scalar) is not { } value) return null;
            arguments[name] = value;
        }
        if (block.Scope is null) return null;
        var child = new Frame(block.Scope, arguments, new Shape[block.Scope.Values.Count][], null);
        _callSites.Push((frame.Scope.Source, call.Range));
        try
        {
            if (!BindDefaults(child, block.Scope.Parameters)) return null;
            return Run(child, inputs, path);
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
            Report(frame.Scope.Source, error.Range, error.Descriptor, error.Message);
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

    private void Report(SourceText source, TextRange range, DslDescriptor descriptor, string message)
    {
        if (descriptor.Severity == DslSeverity.Error) _failed = true;
        var calls = _callSites.Select(site => site.Source.Span(site.Range)).ToArray();
        var suffix = calls.Length == 0 ? "" : $" (in block, called at {calls[0]})";
        _diagnostics.Report(descriptor, source.Span(range), message + suffix, calls.ToEquatableArray());
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
