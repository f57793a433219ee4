using System;
using System.Collections.Generic;
using NetDsl.Catalog;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// Derives what a network's output holds from the op that produces it, looking through blocks and groups and past the
/// ops that keep their input's kind (<see cref="OpDefinition.OutputKind"/> null). A merge, a parallel's results or the
/// network's input are raw scores. Where a condition chooses between producers of different kinds, the kind follows
/// the condition when the network's constructor can evaluate it; a condition inside a block (its parameters and sizes
/// exist only in the block) cannot be followed, and is reported (ND0401).
/// </summary>
internal sealed class OutputKinds
{
    private readonly DiagnosticBag _diagnostics;
    private readonly string _network;

    private OutputKinds(string network, DiagnosticBag diagnostics)
    {
        _network = network;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// The kind of each of the network's outputs, main first (one entry for a network without an <c>output</c> statement);
    /// reports ND0401 (and returns the kind where the condition holds) when a block decides one.
    /// </summary>
    public static IReadOnlyList<OutputKindSource> Of(Scope network, DiagnosticBag diagnostics)
    {
        var analysis = new OutputKinds(network.Name, diagnostics);
        var context = new Context(network, null, _ => Raw, null);
        if (network.Outputs.Count == 0) return new[] { analysis.Value(context, network.Output) };
        var kinds = new List<OutputKindSource>(network.Outputs.Count);
        foreach (var output in network.Outputs) kinds.Add(analysis.Value(context, output.Value));
        return kinds;
    }

    private static readonly OutputKindSource Raw = new FixedOutputKind(OutputKind.Logits);

    /// <summary>
    /// A scope being read: the kinds of its inputs (from the caller), and the block whose body it is (or lies in),
    /// null in the network's own scope and its groups.
    /// </summary>
    private sealed class Context
    {
        public Context(Scope scope, BlockInfo? block, Func<int, OutputKindSource> input, Context? parent)
        {
            Scope = scope;
            Block = block;
            Input = input;
            Parent = parent;
        }

        public Scope Scope { get; }

        public BlockInfo? Block { get; }

        public Func<int, OutputKindSource> Input { get; }

        public Context? Parent { get; }

        /// <summary>Kinds found so far, by value id: each value is read once however many conditions lead to it.</summary>
        public Dictionary<int, OutputKindSource> Known { get; } = new();
    }

    /// <summary>How many conditions may be open at once while one output is read (a deeper chain is reported, not followed).</summary>
    public const int MaxConditions = 64;

    private int _conditions;
    private bool _reportedDepth;

    /// <summary>How many blocks and groups deep the producer may lie (a deeper one is reported, not followed).</summary>
    public const int MaxDepth = 100;

    private int _depth;

    private OutputKindSource Value(Context context, int value)
    {
        var scope = context.Scope;
        // Ops that keep their input's kind are skipped in a loop, optional or repeated or not: a long pipeline of
        // them costs no stack.
        while (Producer(scope, value) is ApplyInstruction { Layer.Op.OutputKind: null } keeper) value = keeper.Inputs[0];
        if (context.Known.TryGetValue(value, out var known)) return known;
        var kind = Produce(context, value);
        context.Known[value] = kind;
        return kind;
    }

    /// <summary>Reads the output of a block's or group's body, one level deeper (reported past <see cref="MaxDepth"/>).</summary>
    private OutputKindSource Enter(Context body)
    {
        if (_depth >= MaxDepth)
        {
            if (!_reportedDepth)
                _diagnostics.Report(DiagnosticCatalog.OutputKindInBlock, body.Scope.Source.Span(OutputRange(body.Scope)),
                    $"what network '{_network}' returns passes through more than {MaxDepth} blocks and groups that keep their input's kind; end the network with an op that decides it");
            _reportedDepth = true;
            return Raw;
        }
        _depth++;
        try
        {
            return Value(body, body.Scope.Output);
        }
        finally
        {
            _depth--;
        }
    }

    private static TextRange OutputRange(Scope scope) =>
        scope.Output >= 0 && scope.Output < scope.Values.Count ? scope.Values[scope.Output].Range : default;

    private OutputKindSource Produce(Context context, int value)
    {
        var scope = context.Scope;
        var inputIndex = scope.Inputs.IndexOf(value);
        if (inputIndex >= 0) return context.Input(inputIndex);
        var instruction = Producer(scope, value);
        switch (instruction)
        {
            case ApplyInstruction apply:
            {
                var produced = Layer(context, apply);
                if (apply.Repeat is not null)
                {
                    // Zero copies pass the input on.
                    var zero = new ConstantScalar(ScalarValue.OfInt(0), apply.Repeat.Range);
                    var some = new BinaryScalar(BinaryOperator.Greater, apply.Repeat, zero, ValueKind.Bool, apply.Repeat.Range, apply.Repeat.Range);
                    produced = Choose(context, some, produced, () => Value(context, apply.Inputs[0]));
                }
                return apply.Condition is null ? produced : Choose(context, apply.Condition, produced, () => Value(context, apply.Inputs[0]));
            }
            case GroupInstruction group:
            {
                // A parallel's result is several tensors; as one output it is raw scores.
                if (group.Count is not null) return Raw;
                var produced = Enter(new Context(group.Body, context.Block, _ => Value(context, group.Input), context));
                return group.Condition is null ? produced : Choose(context, group.Condition, produced, () => Value(context, group.Input));
            }
            case MergeInstruction merge:
                return merge.Condition is null ? Raw : Choose(context, merge.Condition, Raw, () => Value(context, merge.Inputs[0]));
            case SelectInstruction select:
                return Choose(context, select.Condition, Value(context, select.WhenTrue), () => Value(context, select.WhenFalse));
            default:
                return Raw;
        }
    }

    private OutputKindSource Layer(Context context, ApplyInstruction apply)
    {
        var layer = apply.Layer;
        if (layer.Op is { } op) return op.OutputKind is { } kind ? new FixedOutputKind(kind) : Value(context, apply.Inputs[0]);
        if (layer.Block is { Scope: { } body } block && apply.Inputs.Count > 0)
        {
            return Enter(new Context(body, block, i => Value(context, apply.Inputs[Math.Min(i, apply.Inputs.Count - 1)]), null));
        }
        return Raw;
    }

    /// <summary>The kind where <paramref name="condition"/> holds or not; one kind when both agree.</summary>
    private OutputKindSource Choose(Context context, Scalar condition, OutputKindSource whenTrue, Func<OutputKindSource> whenFalse)
    {
        if (_conditions >= MaxConditions)
        {
            if (!_reportedDepth)
                _diagnostics.Report(DiagnosticCatalog.OutputKindInBlock, context.Scope.Source.Span(condition.Range),
                    $"what network '{_network}' returns depends on more than {MaxConditions} conditions in a row; end the network with an op that does not depend on them");
            _reportedDepth = true;
            return whenTrue;
        }
        _conditions++;
        OutputKindSource otherwise;
        try
        {
            otherwise = whenFalse();
        }
        finally
        {
            _conditions--;
        }
        if (whenTrue.Equals(otherwise)) return whenTrue;
        if (context.Block is null && ReadsOnlyNetworkValues(context, condition)) return new ConditionalOutputKind(condition, whenTrue, otherwise);
        var where = context.Block is { } block ? $"block '{block.Name}'" : "a group";
        _diagnostics.Report(DiagnosticCatalog.OutputKindInBlock, context.Scope.Source.Span(condition.Range),
            $"what network '{_network}' returns depends on this condition inside {where}: {Describe(whenTrue)} when it holds, " +
            $"{Describe(otherwise)} otherwise, and the network cannot evaluate it; apply the final activation in the network itself " +
            "(e.g. 'head: Head() |> sigmoid if probabilities'), or end both branches the same way");
        return whenTrue;
    }

    /// <summary>True when a condition in a group of the network reads no size of the group's own values (only the network's).</summary>
    private static bool ReadsOnlyNetworkValues(Context context, Scalar condition)
    {
        if (context.Parent is null) return true;
        foreach (var dimension in condition.Dimensions())
        {
            if (!dimension.Outer) return false;
        }
        return true;
    }

    private static string Describe(OutputKindSource source) => source switch
    {
        FixedOutputKind { Kind: OutputKind.Logits } => "raw scores",
        FixedOutputKind { Kind: OutputKind.Probabilities } => "softmax probabilities",
        FixedOutputKind { Kind: OutputKind.LogProbabilities } => "log-probabilities",
        FixedOutputKind { Kind: OutputKind.IndependentProbabilities } => "sigmoid probabilities",
        _ => "a kind chosen by another condition",
    };

    private static Instruction? Producer(Scope scope, int value)
    {
        for (var i = scope.Instructions.Count - 1; i >= 0; i--)
        {
            if (scope.Instructions[i].Result == value) return scope.Instructions[i];
        }
        return null;
    }
}
