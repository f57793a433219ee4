using System.Collections.Generic;
using NetDsl.Catalog;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

// The checked IR: one Scope per network, block, group and parallel body. Scalars stay symbolic (see Scalar),
// so the same IR is evaluated by the checker for declared values and translated to C# by the emitter.

public enum MergeKind
{
    Concat,
    Add,
    Mul,
}

public enum ScopeKind
{
    Network,
    Block,
    Group,
    Parallel,
}

public sealed record ParameterInfo(string Name, ValueKind Type, Scalar? Default, TextRange Range);

/// <summary>A tensor value of a scope: an input, or the result of an instruction.</summary>
public sealed record ValueInfo(int Id, ValueKind Kind, string? Name, TextRange Range);

/// <summary>A name bound by <c>name = expression</c>: a tensor value of its scope, or a number (<see cref="Number"/>, then <see cref="Value"/> is -1).</summary>
public sealed record NamedValue(string Name, TextRange Range, int Value, Scalar? Number);

/// <summary>An op, a block or a merge with its arguments, not yet applied.</summary>
public sealed record LayerCall(OpDefinition? Op, BlockInfo? Block, MergeKind? Merge, IReadOnlyList<(string Name, Scalar Value)> Arguments, string Text, TextRange NameRange, TextRange Range)
{
    public string Name => Op?.Name ?? Block?.Name ?? Merge!.Value.ToString().ToLowerInvariant();

    /// <summary>
    /// The op's arguments the call wrote, in the op's order (defaults it left out are not here), the first
    /// <see cref="WrittenByPosition"/> of them by position: summary rows print them evaluated (<see cref="CallText"/>).
    /// </summary>
    public IReadOnlyList<string> Written { get; init; } = System.Array.Empty<string>();

    /// <summary>How many of <see cref="Written"/>, from the first, the call gave by position (a variadic argument's items count once).</summary>
    public int WrittenByPosition { get; init; }
}

public abstract record Instruction(int Result, TextRange Range)
{
    /// <summary>
    /// The values of its scope this instruction reads, in order (a value read twice appears twice). Abstract, so that a new
    /// instruction type cannot be added without saying what it reads: the memory plan releases a value after its last reader.
    /// </summary>
    public abstract IReadOnlyList<int> Reads { get; }
}

/// <summary>
/// Applies a layer to its inputs. With <see cref="Condition"/> the layer exists only when it holds (else the
/// result is the input); with <see cref="Repeat"/> it is a chain of that many copies, children 0..n-1.
/// </summary>
public sealed record ApplyInstruction(int Result, LayerCall Layer, IReadOnlyList<int> Inputs, string? Label, TextRange LabelRange, Scalar? Condition, Scalar? Repeat, TextRange Range)
    : Instruction(Result, Range)
{
    /// <summary>
    /// A repetition whose copies are children of the enclosing scope: named by a <see cref="Template"/>
    /// (<c>"layer_{i}":</c>, <c>name*:</c>), or continuing the scope's indexes (<c>*:</c>).
    /// </summary>
    public bool IsSpliced => Repeat is not null && (Template is not null || ContinuesIndexes);

    /// <summary>The names of the copies of a repetition labelled with a template, or null.</summary>
    public LabelTemplate? Template { get; init; }

    /// <summary><c>*: B() * n</c>: the copies take the scope's next indexes, as unlabelled children do.</summary>
    public bool ContinuesIndexes { get; init; }

    /// <summary>Whether a copy's arguments read its index (<c>B(i) for i in n</c>): each copy evaluates them anew.</summary>
    public bool ArgumentsReadIndex { get; init; }

    /// <summary>
    /// A child declared before it is applied (<c>reduction = layer(linear(8))</c>): the number of its scope's instructions
    /// before the declaration. The module registers it there, ahead of the children of later instructions, as a PyTorch
    /// module that creates a child before the layers it applies first; null for a child registered where it is applied.
    /// </summary>
    public int? DeclaredAt { get; init; }

    public override IReadOnlyList<int> Reads => Inputs;
}

/// <summary>A labelled group (<c>label: { ... }</c>) or <c>parallel n { ... }</c> (result: n tensors).</summary>
public sealed record GroupInstruction(int Result, Scope Body, int Input, string? Label, TextRange LabelRange, Scalar? Condition, Scalar? Count, TextRange Range)
    : Instruction(Result, Range)
{
    public override IReadOnlyList<int> Reads => new[] { Input };
}

/// <summary>
/// Merges values. With <see cref="Condition"/> (inside <c>a if c else b</c>) it runs only when that holds, else passes
/// its first input on. <see cref="Name"/> is its name in paths and messages (see <see cref="Scope.NameMerge"/>).
/// </summary>
public sealed record MergeInstruction(int Result, MergeKind Kind, string Name, IReadOnlyList<int> Inputs, Scalar? Condition, TextRange Range) : Instruction(Result, Range)
{
    /// <summary>The axis a <c>concat</c> joins (<c>concat(a, b, dim: 1)</c>); null for the default, 0.</summary>
    public Scalar? Axis { get; init; }

    public override IReadOnlyList<int> Reads => Inputs;
}

/// <summary>
/// An op applied as a function (<c>x.permute(1, 0)</c>, <c>|&gt; .flatten(1)</c>, <c>relu6(x + 3)</c>, <c>x[0]</c>): no child,
/// no index; its module is built but not registered. <see cref="Name"/> is its name in paths and messages, as a merge's
/// (<c>(permute)</c>). With <see cref="Condition"/> (inside <c>a if c else b</c>) it runs only when that holds, else passes its input on.
/// </summary>
public sealed record FunctionInstruction(int Result, LayerCall Layer, int Input, string Name, Scalar? Condition, TextRange Range) : Instruction(Result, Range)
{
    public override IReadOnlyList<int> Reads => new[] { Input };
}

/// <summary>
/// Arithmetic with a number, <c>x * 0.17</c>, <c>x + 3</c>, <c>1 - x</c> (<see cref="NumberFirst"/>: the number on the left):
/// a function, named in paths as a merge (<c>(mul)</c>). <see cref="Text"/> is the expression as written.
/// </summary>
public sealed record ArithmeticInstruction(int Result, BinaryOperator Operator, int Input, Scalar Number, bool NumberFirst, string Name, string Text, Scalar? Condition, TextRange Range)
    : Instruction(Result, Range)
{
    /// <summary>The tensor side as written (<c>x</c>, <c>relu6(x + 3)</c>), beside the evaluated number in summary rows.</summary>
    public string OperandText { get; init; } = "";

    public override IReadOnlyList<int> Reads => new[] { Input };
}

/// <summary>
/// Value <see cref="Index"/> of the several values of <see cref="Source"/>, named by a tuple binding
/// (<c>(a, b) = x.chunk(2)</c>) that names <see cref="Count"/> of them.
/// </summary>
public sealed record ItemInstruction(int Result, int Source, int Index, int Count, TextRange Range) : Instruction(Result, Range)
{
    public override IReadOnlyList<int> Reads => new[] { Source };
}

/// <summary><c>a if condition else b</c>: the result is <see cref="WhenTrue"/> or <see cref="WhenFalse"/>.</summary>
public sealed record SelectInstruction(int Result, Scalar Condition, int WhenTrue, int WhenFalse, TextRange Range) : Instruction(Result, Range)
{
    public override IReadOnlyList<int> Reads => new[] { WhenTrue, WhenFalse };
}

/// <summary>One scope of the IR and everything lowered into it.</summary>
public sealed class Scope
{
    public Scope(string name, ScopeKind kind, SourceText source, Scope? parent)
    {
        Name = name;
        Kind = kind;
        Source = source;
        Parent = parent;
    }

    public string Name { get; }

    public ScopeKind Kind { get; }

    public SourceText Source { get; }

    /// <summary>The enclosing scope of a group or parallel body; its parameters and value sizes are visible here.</summary>
    public Scope? Parent { get; }

    public List<ParameterInfo> Parameters { get; } = new();

    public List<int> Inputs { get; } = new();

    public List<ValueInfo> Values { get; } = new();

    /// <summary>The values and numbers named in this scope (<c>x = ...</c>), in order, for tools that show them.</summary>
    public List<NamedValue> Names { get; } = new();

    public List<Instruction> Instructions { get; } = new();

    /// <summary>The main output: the last value, or the first output of an <c>output</c> statement.</summary>
    public int Output { get; set; } = -1;

    /// <summary>A network's outputs as its <c>output</c> statement names them, main first; empty when it returns its last value.</summary>
    public List<OutputValue> Outputs { get; } = new();

    /// <summary>Whether the generated module returns a record of several outputs (rather than one tensor).</summary>
    public bool HasSeveralOutputs => Outputs.Count > 1;

    /// <summary>Merges and functions of each name so far, so naming one does not rescan the instructions before it.</summary>
    private readonly Dictionary<string, int> _functionCounts = new();

    /// <summary>The name of the next merge of <paramref name="kind"/> added to this scope (see <see cref="NameFunction"/>).</summary>
    public string NameMerge(MergeKind kind) => NameFunction(kind.ToString().ToLowerInvariant());

    /// <summary>
    /// The name of the next merge or function called <paramref name="name"/> added to this scope, for paths and messages:
    /// the name, numbered from the second of that name in the scope (<c>(add)</c>, <c>(add2)</c>), so every summary row has its own path.
    /// </summary>
    public string NameFunction(string name)
    {
        _functionCounts.TryGetValue(name, out var ordinal);
        _functionCounts[name] = ++ordinal;
        return ordinal <= 1 ? name : name + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public int NewValue(ValueKind kind, string? name, TextRange range)
    {
        var id = Values.Count;
        Values.Add(new ValueInfo(id, kind, name, range));
        return id;
    }

    /// <summary>
    /// True when a child's index depends on parameter values: a conditional layer, or a repetition whose copies are
    /// children of this scope (<c>name*:</c>), may precede unlabelled children.
    /// </summary>
    public bool HasDynamicNames
    {
        get
        {
            foreach (var instruction in Instructions)
            {
                if (instruction is ApplyInstruction { Condition: not null } or GroupInstruction { Condition: not null } or ApplyInstruction { IsSpliced: true }) return true;
            }
            return false;
        }
    }
}

/// <summary>A block definition: its syntax and its lowered scope (filled when the block is lowered).</summary>
public sealed class BlockInfo
{
    public BlockInfo(BlockSyntax syntax, SourceText source)
    {
        Syntax = syntax;
        Source = source;
    }

    public string Name => Syntax.Name;

    public BlockSyntax Syntax { get; }

    public SourceText Source { get; }

    public Scope? Scope { get; set; }

    public int InputCount => Syntax.Inputs.Count == 0 ? 1 : Syntax.Inputs.Count;
}
