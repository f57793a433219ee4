using System.Collections.Generic;
using System.Runtime.CompilerServices;
using NetDsl.Catalog;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// Where a scope's forward may overwrite a value in place and where it may release one, decided from the IR: every
/// value's readers, what each instruction's backward keeps (<see cref="OpAutograd"/> for ops; merges, arithmetic and
/// calls of blocks and groups below), which values may share memory (views) and which may be the same tensor object.
/// <para>
/// An instruction overwrites a value it reads only when (1) no later instruction reads that value or any value sharing
/// its memory, and the scope does not return it; (2) its memory is none of the scope's inputs, which the caller still
/// holds; (3) autograd kept none of that memory for the backward pass (the producer does not keep its result, no earlier
/// reader kept its input); and (4) the instruction has an in-place form whose backward needs only its result. These hold
/// with gradients as without, so the plan needs no branch on <c>torch.is_grad_enabled()</c>.
/// </para>
/// <para>
/// A value is released (disposed) after its last reader unless it may be an input's tensor object, the returned one, or
/// the object of a value still in use; autograd holds its own references to what it keeps, so releasing frees exactly
/// the memory nothing needs any more.
/// </para>
/// <para>
/// The plan is bounded: when a value may share memory with, or be, more than <see cref="MaxSharing"/> values (a long chain
/// of conditional layers, each of which may pass its input on), or one memory or object is shared by more, it gives up for
/// that scope: nothing in place, nothing released, effects unknown to its callers. That is the out-of-place forward, which
/// is always correct, and it keeps planning linear in the scope's size (each set and sharer list holds at most that many).
/// </para>
/// </summary>
public sealed class MemoryPlan
{
    private static readonly ConditionalWeakTable<Scope, MemoryPlan> Plans = new();

    /// <summary>The most values one value's memory or object set, or one origin's sharers, may hold before the plan gives up.</summary>
    public const int MaxSharing = 256;

    /// <summary>The plan of <paramref name="scope"/>, computed once per scope (a block's plan serves every caller).</summary>
    public static MemoryPlan Of(Scope scope) => Plans.GetValue(scope, s => new MemoryPlan(s));

    private readonly Scope _scope;
    private readonly int[] _overwritten;
    private readonly List<int>?[] _released;
    private readonly bool[] _releasesUnchosen;

    // By value id: the memory (origins: ids of values that own memory) and the tensor objects (ids) a value may be.
    private readonly List<int>?[] _memory;
    private readonly List<int>?[] _objects;
    private readonly int[] _lastUse;
    private readonly int[] _definedAt;
    private readonly List<int>?[] _memorySharers;
    private readonly List<int>?[] _objectSharers;
    private readonly HashSet<int> _saved = new();
    private readonly HashSet<int> _inputs;

    // Origins whose memory someone else holds: the caller's inputs and the module's learned tensors (never overwritten).
    private readonly HashSet<int> _held;
    private bool _gaveUp;

    private MemoryPlan(Scope scope)
    {
        _scope = scope;
        var values = scope.Values.Count;
        var count = scope.Instructions.Count;
        _overwritten = new int[count];
        _released = new List<int>?[count];
        _releasesUnchosen = new bool[count];
        _memory = new List<int>?[values];
        _objects = new List<int>?[values];
        _lastUse = new int[values];
        _definedAt = new int[values];
        _memorySharers = new List<int>?[values];
        _objectSharers = new List<int>?[values];
        _inputs = new HashSet<int>(scope.Inputs);
        _held = new HashSet<int>(scope.Inputs);
        for (var v = 0; v < values; v++)
        {
            _lastUse[v] = -1;
            _definedAt[v] = -1;
        }
        for (var k = 0; k < count; k++)
        {
            foreach (var read in scope.Instructions[k].Reads) _lastUse[read] = k;
        }
        // Every output lives on to the caller (a while-training output too: its aux head reads it after the forward).
        if (scope.Output >= 0) _lastUse[scope.Output] = int.MaxValue;
        foreach (var output in scope.Outputs) _lastUse[output.Value] = int.MaxValue;
        foreach (var input in scope.Inputs)
        {
            Own(input, _memory, _memorySharers);
            Own(input, _objects, _objectSharers);
        }
        for (var k = 0; k < count && !_gaveUp; k++) Plan(k);
        if (_gaveUp)
        {
            for (var k = 0; k < count; k++)
            {
                _overwritten[k] = -1;
                _released[k] = null;
                _releasesUnchosen[k] = false;
            }
            Effects = ScopeEffects.Unknown(scope.Inputs.Count);
            return;
        }
        Effects = Summarise();
    }

    /// <summary>Whether the scope was past <see cref="MaxSharing"/>, so that its forward is written out of place.</summary>
    public bool GaveUp => _gaveUp;

    /// <summary>What a call of this scope does to its caller's tensors.</summary>
    public ScopeEffects Effects { get; }

    /// <summary>The value instruction <paramref name="index"/> overwrites in place (its result shares that memory), or -1.</summary>
    public int Overwritten(int index) => _overwritten[index];

    /// <summary>The values to release right after instruction <paramref name="index"/> (their last reader).</summary>
    public IReadOnlyList<int> ReleasedAfter(int index) => (IReadOnlyList<int>?)_released[index] ?? System.Array.Empty<int>();

    /// <summary>
    /// After a select (<c>a if c else b</c>) whose two values are read nowhere else: release the one not chosen (the
    /// chosen one lives on as the result).
    /// </summary>
    public bool ReleasesUnchosen(int index) => _releasesUnchosen[index];

    private void Plan(int k)
    {
        var instruction = _scope.Instructions[k];
        var step = Describe(instruction);
        var result = instruction.Result;
        _definedAt[result] = k;

        var target = -1;
        foreach (var candidate in step.InPlaceReads)
        {
            if (CanOverwrite(step.Reads, candidate, k))
            {
                target = candidate;
                break;
            }
        }
        _overwritten[k] = target < 0 ? -1 : step.Reads[target];

        // The result's memory and objects: its own, plus those of the reads it may share or be.
        var memory = new List<int>();
        var objects = new List<int> { result };
        if (step.OwnsMemory) memory.Add(result);
        for (var i = 0; i < step.Reads.Count; i++)
        {
            var read = step.Reads[i];
            if (step.SharesRead(i) || i == target) Union(memory, _memory[read]!);
            if (step.MayBeRead(i) || (i == target && step.InPlaceKeepsObject)) Union(objects, _objects[read]!);
        }
        if (memory.Count > MaxSharing || objects.Count > MaxSharing)
        {
            _gaveUp = true;
            return;
        }
        Set(result, memory, _memory, _memorySharers);
        Set(result, objects, _objects, _objectSharers);
        if (step.MemoryHeldElsewhere) _held.Add(result);

        // What autograd keeps: the reads an out-of-place form keeps (an overwritten read is gone), and the result.
        for (var i = 0; i < step.Reads.Count; i++)
        {
            if (step.SavesRead(i) && i != target) _saved.UnionWith(_memory[step.Reads[i]]!);
        }
        if (step.SavesResult) _saved.UnionWith(memory);

        PlanReleases(k, instruction, step);
    }

    private void PlanReleases(int k, Instruction instruction, Step step)
    {
        var result = instruction.Result;
        if (instruction is SelectInstruction select && select.WhenTrue != select.WhenFalse
            && _lastUse[select.WhenTrue] == k && _lastUse[select.WhenFalse] == k
            && !Intersects(_objects[select.WhenTrue]!, _objects[select.WhenFalse]!)
            && CanRelease(select.WhenTrue, k, ignore: result) && CanRelease(select.WhenFalse, k, ignore: result))
        {
            _releasesUnchosen[k] = true;
            return;
        }
        List<int>? released = null;
        for (var i = 0; i < step.Reads.Count; i++)
        {
            var read = step.Reads[i];
            if (_lastUse[read] != k || (released?.Contains(read) ?? false) || !CanRelease(read, k, ignore: -1)) continue;
            (released ??= new List<int>()).Add(read);
        }
        // A result nothing reads (a named value never used) is released at once.
        if (_lastUse[result] < 0 && CanRelease(result, k, ignore: -1)) (released ??= new List<int>()).Add(result);
        _released[k] = released;
    }

    /// <summary>Whether value <paramref name="value"/> may be disposed after instruction <paramref name="k"/>.</summary>
    private bool CanRelease(int value, int k, int ignore)
    {
        if (_scope.Values[value].Kind != ValueKind.Tensor) return false;
        foreach (var origin in _objects[value]!)
        {
            // Never the caller's tensors, nor an element of several tensors (an array that others may read).
            if (_inputs.Contains(origin) || _scope.Values[origin].Kind != ValueKind.Tensor) return false;
            foreach (var other in _objectSharers[origin]!)
            {
                if (other != value && other != ignore && IsLiveAfter(other, k)) return false;
            }
        }
        return true;
    }

    /// <summary>Whether a value defined by instruction k or earlier is read after k (or returned).</summary>
    private bool IsLiveAfter(int value, int k) => _definedAt[value] <= k && _lastUse[value] > k;

    /// <summary>Rules (1) to (3) of the class summary for read <paramref name="index"/> of instruction <paramref name="k"/>.</summary>
    private bool CanOverwrite(IReadOnlyList<int> reads, int index, int k)
    {
        var value = reads[index];
        if (_scope.Values[value].Kind != ValueKind.Tensor || _lastUse[value] != k) return false;
        var memory = _memory[value]!;
        if (memory.Count == 0) return false;
        for (var i = 0; i < reads.Count; i++)
        {
            if (i != index && (reads[i] == value || Intersects(_memory[reads[i]]!, memory))) return false;
        }
        foreach (var origin in memory)
        {
            if (_held.Contains(origin) || _saved.Contains(origin)) return false;
            foreach (var other in _memorySharers[origin]!)
            {
                if (other != value && _lastUse[other] >= k) return false;
            }
        }
        return true;
    }

    private ScopeEffects Summarise()
    {
        var inputs = _scope.Inputs.Count;
        var savesInput = new bool[inputs];
        var sharesInput = new bool[inputs];
        var mayBeInput = new bool[inputs];
        if (_scope.Output < 0 || _memory[_scope.Output] is null) return ScopeEffects.Unknown(inputs);
        var outputMemory = _memory[_scope.Output]!;
        var outputObjects = _objects[_scope.Output]!;
        for (var i = 0; i < inputs; i++)
        {
            var input = _scope.Inputs[i];
            savesInput[i] = _saved.Contains(input);
            sharesInput[i] = outputMemory.Contains(input);
            mayBeInput[i] = outputObjects.Contains(input);
        }
        var savesOutput = false;
        foreach (var origin in outputMemory) savesOutput |= _saved.Contains(origin);
        return new ScopeEffects(savesInput, savesOutput, sharesInput, mayBeInput);
    }

    /// <summary>The memory facts of one instruction (see <see cref="Step"/>).</summary>
    private Step Describe(Instruction instruction)
    {
        var reads = instruction.Reads;
        switch (instruction)
        {
            case ApplyInstruction { Layer.Op: { } op } when ReferenceEquals(op.Autograd, OpAutograd.Unknown):
            case FunctionInstruction { Layer.Op: { } unknown } when ReferenceEquals(unknown.Autograd, OpAutograd.Unknown):
                // An op without facts may even return its input tensor itself (StochasticDepth in evaluation does).
                return Step.Unknown(reads);
            case ApplyInstruction { Layer.Op: { } op } apply:
            {
                var autograd = op.Autograd;
                var mayBeEmpty = apply.Repeat is not null && !(apply.Repeat is ConstantScalar { Value.Int: >= 1 });
                var skips = apply.Condition is not null || mayBeEmpty;
                var inPlace = autograd.InPlace && apply.Condition is null && apply.Repeat is null && reads.Count == 1;
                return new Step(reads, ownsMemory: !autograd.SharesInput || skips, savesInputs: autograd.SavesInput, savesResult: autograd.SavesOutput,
                    sharesInputs: autograd.SharesInput || skips, mayBeInputs: false, inPlace ? First : None, inPlaceKeepsObject: false);
            }
            case ApplyInstruction { Layer.Block: { } block } apply:
            {
                var effects = block.Scope is { } body ? Of(body).Effects : ScopeEffects.Unknown(reads.Count);
                var skips = apply.Condition is not null || (apply.Repeat is not null && !(apply.Repeat is ConstantScalar { Value.Int: >= 1 }));
                return Step.Call(reads, effects, skips);
            }
            case ApplyInstruction apply:
                return Step.Unknown(reads);
            case GroupInstruction group:
                return Step.Call(reads, Of(group.Body).Effects, group.Condition is not null);
            case FunctionInstruction { Layer.Op: { } op } function:
            {
                var autograd = op.Autograd;
                var inPlace = autograd.InPlace && function.Condition is null && !op.ReturnsSeveral;
                return new Step(reads, ownsMemory: !autograd.SharesInput || function.Condition is not null, savesInputs: autograd.SavesInput, savesResult: autograd.SavesOutput,
                    sharesInputs: autograd.SharesInput || function.Condition is not null, mayBeInputs: false, inPlace ? First : None, inPlaceKeepsObject: false);
            }
            case MergeInstruction merge:
            {
                // add keeps nothing for its backward, mul keeps its inputs, concat nothing; each makes new memory. A merge
                // that reads several tensors at once (a parallel's results) or one alone may return one of them as it is.
                var several = merge.Inputs.Count < 2;
                foreach (var input in merge.Inputs) several |= _scope.Values[input].Kind != ValueKind.Tensor;
                var inPlace = merge.Kind == MergeKind.Add && merge.Condition is null && merge.Inputs.Count == 2 && !several;
                return new Step(reads, ownsMemory: true, savesInputs: merge.Kind == MergeKind.Mul, savesResult: false,
                    sharesInputs: merge.Condition is not null || several, mayBeInputs: several, inPlace ? FirstTwo : None, inPlaceKeepsObject: true);
            }
            case ArithmeticInstruction arithmetic:
            {
                // x + n, x - n, x * n, x / n (and n + x, n * x) need nothing for their backward and have in-place forms;
                // n / x keeps x; n - x and x % n are written out of place.
                var reciprocal = arithmetic.NumberFirst && arithmetic.Operator == BinaryOperator.Divide;
                var inPlace = arithmetic.Condition is null && (arithmetic.Operator is BinaryOperator.Add or BinaryOperator.Multiply
                    || (!arithmetic.NumberFirst && arithmetic.Operator is BinaryOperator.Subtract or BinaryOperator.Divide));
                return new Step(reads, ownsMemory: true, savesInputs: reciprocal, savesResult: reciprocal,
                    sharesInputs: arithmetic.Condition is not null, mayBeInputs: false, inPlace ? First : None, inPlaceKeepsObject: true);
            }
            case ItemInstruction:
                return new Step(reads, ownsMemory: false, savesInputs: false, savesResult: false, sharesInputs: true, mayBeInputs: true, None, false);
            case SelectInstruction:
                return new Step(reads, ownsMemory: false, savesInputs: false, savesResult: false, sharesInputs: true, mayBeInputs: true, None, false);
            case LearnedTensorInstruction:
                // A new handle (an expand) on the module's own tensor: released freely, never overwritten.
                return new Step(reads, ownsMemory: true, savesInputs: false, savesResult: false, sharesInputs: false, mayBeInputs: false, None, false) { MemoryHeldElsewhere = true };
            default:
                // An instruction without memory facts (a function of an op without them falls here too): assume the worst.
                return Step.Unknown(reads);
        }
    }

    private static readonly int[] None = System.Array.Empty<int>();
    private static readonly int[] First = { 0 };
    private static readonly int[] FirstTwo = { 0, 1 };

    private static void Own(int value, List<int>?[] sets, List<int>?[] sharers)
    {
        sets[value] = new List<int> { value };
        (sharers[value] ??= new List<int>()).Add(value);
    }

    private void Set(int value, List<int> set, List<int>?[] sets, List<int>?[] sharers)
    {
        sets[value] = set;
        foreach (var origin in set)
        {
            var list = sharers[origin] ??= new List<int>();
            list.Add(value);
            _gaveUp |= list.Count > MaxSharing;
        }
    }

    private static void Union(List<int> into, List<int> from)
    {
        foreach (var item in from)
        {
            if (!into.Contains(item)) into.Add(item);
        }
    }

    private static bool Intersects(List<int> a, List<int> b)
    {
        foreach (var item in a)
        {
            if (b.Contains(item)) return true;
        }
        return false;
    }

    /// <summary>
    /// One instruction's memory facts: its reads; which of them its backward keeps and whether it keeps its result; whether
    /// the result has memory of its own and which reads' memory or objects it may share or be; the reads an in-place form
    /// could overwrite (in order of preference) and whether that form returns the overwritten tensor object itself
    /// (<c>x.add_(y)</c>) rather than a new handle (<c>nn.ReLU(inplace: true)</c>).
    /// </summary>
    private readonly struct Step
    {
        private readonly bool[]? _savesRead;
        private readonly bool[]? _sharesRead;
        private readonly bool[]? _mayBeRead;
        private readonly bool _savesInputs;
        private readonly bool _sharesInputs;
        private readonly bool _mayBeInputs;

        public Step(IReadOnlyList<int> reads, bool ownsMemory, bool savesInputs, bool savesResult, bool sharesInputs, bool mayBeInputs, int[] inPlaceReads, bool inPlaceKeepsObject)
        {
            Reads = reads;
            OwnsMemory = ownsMemory;
            _savesInputs = savesInputs;
            SavesResult = savesResult;
            _sharesInputs = sharesInputs;
            _mayBeInputs = mayBeInputs;
            InPlaceReads = inPlaceReads;
            InPlaceKeepsObject = inPlaceKeepsObject;
            _savesRead = _sharesRead = _mayBeRead = null;
        }

        private Step(IReadOnlyList<int> reads, bool[] savesRead, bool savesResult, bool[] sharesRead, bool[] mayBeRead)
            : this(reads, ownsMemory: true, false, savesResult, false, false, None, false)
        {
            _savesRead = savesRead;
            _sharesRead = sharesRead;
            _mayBeRead = mayBeRead;
        }

        /// <summary>A call of a block or group: what its plan says, by input; a skipped call (a condition, no copies) passes its first input on.</summary>
        public static Step Call(IReadOnlyList<int> reads, ScopeEffects effects, bool skips)
        {
            var saves = new bool[reads.Count];
            var shares = new bool[reads.Count];
            var mayBe = new bool[reads.Count];
            for (var i = 0; i < reads.Count; i++)
            {
                var known = i < effects.SavesInput.Count;
                saves[i] = !known || effects.SavesInput[i];
                shares[i] = !known || effects.OutputSharesInput[i] || (skips && i == 0);
                mayBe[i] = !known || effects.OutputMayBeInput[i];
            }
            return new Step(reads, saves, effects.SavesOutput, shares, mayBe);
        }

        public static Step Unknown(IReadOnlyList<int> reads) => new(reads, ownsMemory: true, true, true, true, true, None, false);

        public IReadOnlyList<int> Reads { get; }

        public bool OwnsMemory { get; }

        public bool SavesResult { get; }

        public int[] InPlaceReads { get; }

        public bool InPlaceKeepsObject { get; }

        /// <summary>The result's memory belongs to someone else (the module's learned tensor): never overwritten.</summary>
        public bool MemoryHeldElsewhere { get; init; }

        public bool SavesRead(int i) => _savesRead?[i] ?? _savesInputs;

        public bool SharesRead(int i) => _sharesRead?[i] ?? _sharesInputs;

        public bool MayBeRead(int i) => _mayBeRead?[i] ?? _mayBeInputs;
    }
}
