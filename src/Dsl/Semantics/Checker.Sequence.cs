using System;
using System.Collections.Generic;
using NetDsl.Catalog;
using NetDsl.Catalog.Ops;
using NetDsl.Diagnostics;

namespace NetDsl.Semantics;

// Learned tensors of a scope, and layers that take another layer's parameter as their own (tied weights).
internal sealed partial class Checker
{
    /// <summary>Layers whose parameters a later layer may take (linear, embedding), by path, as they were checked.</summary>
    private readonly Dictionary<string, Lender> _lenders = new(StringComparer.Ordinal);

    /// <summary>The stored sizes of every learned parameter (<c>parameter(...)</c>), by path.</summary>
    private readonly Dictionary<string, long[]> _learnedParameters = new(StringComparer.Ordinal);

    /// <summary>The elements of the buffers declared with <c>buffer(...)</c> (counted in <see cref="_buffers"/> too).</summary>
    private long _declaredBuffers;

    private sealed record Lender(OpDefinition Op, OpArguments Args, Shape Input, Shape Output);

    /// <summary>A learned tensor: its sample shape, its elements counted as parameters or buffers, a summary row.</summary>
    private Shape? LearnedTensor(Frame frame, LearnedTensorInstruction tensor, string path)
    {
        var op = (LearnedTensorOp)tensor.Layer.Op!;
        if (Arguments(frame, op, tensor.Layer) is not { } args) return null;
        var result = op.Infer(args, default(Shape), path);
        if (!Accept(frame.Scope.Source, tensor.Layer.Range, result)) return null;
        // The rule checked that the sizes multiply within 64 bits.
        var count = op.CountParameters(args, default(Shape), result.Shape);
        try
        {
            _parameters = checked(_parameters + count.Trainable);
            _buffers = checked(_buffers + count.Buffers);
            _declaredBuffers += count.Buffers;
        }
        catch (OverflowException)
        {
            Report(frame.Scope.Source, tensor.Layer.Range, DiagnosticCatalog.SizeOverflow, $"the network has more than 2^63 parameters at '{path}'; check its sizes");
            return null;
        }
        if (op.Trainable) _learnedParameters[path] = args.Ints("sizes");
        _rows.Add(new LayerInfo(path, CallText.Of(tensor.Layer, args), result.Shape, count.Trainable, count.Buffers));
        return result.Shape;
    }

    /// <summary>
    /// Checks every parameter the layer takes from an earlier one (<c>weight: transformer.wte.weight</c>, a path relative to
    /// its scope) and records the layer as one that may lend its own; false after reporting a tie that does not fit.
    /// </summary>
    private bool Tie(Frame frame, OpDefinition op, LayerCall call, OpArguments args, Shape input, Shape output, string path)
    {
        foreach (var (name, value) in call.Arguments)
        {
            if (!IsReference(op, name)) continue;
            var reference = args.Symbol(name);
            var own = op.ParameterShape(name, args, input, output)!;
            var absolute = Join(frame.Path, reference);
            long[]? lent = null;
            string? lentFrom = null;
            if (_learnedParameters.TryGetValue(absolute, out var sizes)) lent = sizes;
            else if (absolute.LastIndexOf('.') is var dot and > 0 && _lenders.TryGetValue(absolute.Substring(0, dot), out var lender))
            {
                var key = absolute.Substring(dot + 1);
                if (IsReference(lender.Op, key) && lender.Args.Has(key)) lentFrom = lender.Args.Symbol(key);
                else lent = lender.Op.ParameterShape(key, lender.Args, lender.Input, lender.Output);
            }
            if (ShapeRules.Tied(own, lent, reference, name, op.Name, path, lentFrom) is { } error)
            {
                Report(frame.Scope.Source, value.Range, error);
                return false;
            }
        }
        if (op.ParameterShape("weight", args, input, output) is not null) _lenders[path] = new Lender(op, args, input, output);
        return true;
    }

    /// <summary>Whether <paramref name="name"/> is an argument of <paramref name="op"/> naming another layer's parameter.</summary>
    private static bool IsReference(OpDefinition op, string name)
    {
        foreach (var argument in op.Arguments)
        {
            if (argument.Name == name) return argument.Type == ArgType.Reference;
        }
        return false;
    }
}
