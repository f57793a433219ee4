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
internal sealed class Checker
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

        public ScalarValue Parameter(string name) => Parameters[name];

        public Shape? Shape(int value, bool outer) => (outer ? Root : this).Values[value]?[0];
    }

    public static CheckedNetwork Check(Scope network, NetworkSyntax syntax, IReadOnlyList<Scalar> inputShape, DiagnosticBag diagnostics)
    {
        var checker = new Checker(diagnostics);
        var frame = new Frame(network, new Dictionary<string, ScalarValue>(), new Shape[network.Values.Count][], null);
        Shape input = default;
        Shape output = default;
        if (checker.BindDefaults(frame, network.Parameters))
        {
            var dims = new List<long>();
            foreach (var dimension in inputShape)
            {
                if (checker.Evaluate(frame, dimension) is { } value) dims.Add(value.Int);
            }
            if (dims.Count == inputShape.Count && dims.Count > 0)
            {
                var result = ShapeRules.Input(dims.ToArray(), network.Name);
                if (result.Error is { } error) checker.Report(network.Source, syntax.InputRange, error);
                else
                {
                    input = result.Shape;
                    if (checker.Run(frame, new[] { input }, "") is { } shape) output = shape;
                }
            }
            else if (inputShape.Count == 0)
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
        return new CheckedNetwork(network, syntax, input, output, checker._rows, checker._parameters, checker._buffers, checker._failed || diagnostics.HasErrors, shapes) { Truncated = checker._layerCount > MaxLayers };
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
                    var result = merge.Kind == MergeKind.Concat
                        ? ShapeRules.Concat(shapes, name, at)
                        : ShapeRules.Merge(shapes, merge.Kind == MergeKind.Mul, name, at);
                    if (!Accept(scope.Source, merge.Range, result)) return null;
                    frame.Values[merge.Result] = new[] { result.Shape };
                    _rows.Add(new LayerInfo(at, name, result.Shape, 0, 0));
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
                        var spliced = RepeatLayer(frame, apply, inputShapes[0], path, spliced: true, index);
                        if (spliced is null) return null;
                        index += (int)spliced.Value.Count;
                        frame.Values[apply.Result] = new[] { spliced.Value.Shape };
                        break;
                    }
                    var childPath = Join(path, apply.Label ?? (index++).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (apply.Label is not null) index++;
                    var shape = apply.Repeat is null
                        ? ApplyLayer(frame, apply, inputShapes, childPath)
                        : RepeatLayer(frame, apply, inputShapes[0], childPath, spliced: false)?.Shape;
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
    /// A chain of copies: children 0..n-1 of a container at <paramref name="path"/>, or, when <paramref name="spliced"/>,
    /// children of the scope at <paramref name="path"/> named by the label's template (<c>name1</c> ... <c>nameN</c>) or
    /// numbered on from <paramref name="firstIndex"/> (<c>*:</c>).
    /// </summary>
    private (Shape Shape, long Count)? RepeatLayer(Frame frame, ApplyInstruction apply, Shape input, string path, bool spliced, int firstIndex = 0)
    {
        if (Count(frame, apply.Repeat!, "repetitions", minimum: 0) is not { } count) return null;
        var shape = input;
        for (var i = 0; i < count; i++)
        {
            var name = !spliced ? i.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : apply.Template is { } template ? CopyName(frame, template, i)
                : (firstIndex + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (name is null) return null;
            var next = ApplyLayer(frame, apply, new[] { shape }, Join(path, name), apply.ArgumentsReadIndex ? i : null);
            if (next is null) return null;
            shape = next.Value;
        }
        return (shape, count);
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

    /// <param name="copy">The index of this copy of a repetition whose arguments read it (<c>B(i) for i in n</c>).</param>
    private Shape? ApplyLayer(Frame frame, ApplyInstruction apply, Shape[] inputs, string path, long? copy = null)
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
            var values = new ScalarValue?[op.Arguments.Count];
            foreach (var (name, scalar) in call.Arguments)
            {
                if (Evaluate(frame, copy is { } index ? AtCopy(scalar, index) : scalar) is not { } value) return null;
                values[op.IndexOf(name)] = value;
            }
            var args = new OpArguments(op, values);
            ShapeResult result;
            try
            {
                result = op.Infer(args, inputs[0], path);
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
                count = op.CountParameters(args, inputs[0], result.Shape);
                _parameters = checked(_parameters + count.Trainable);
                _buffers = checked(_buffers + count.Buffers);
            }
            catch (OverflowException)
            {
                Report(frame.Scope.Source, call.Range, DiagnosticCatalog.SizeOverflow, $"{op.Name} at '{path}' has more than 2^63 parameters; check its sizes");
                return null;
            }
            _rows.Add(new LayerInfo(path, call.Text, result.Shape, count.Trainable, count.Buffers));
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
