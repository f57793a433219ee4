using NetDsl.Collections;

namespace NetDsl.Syntax;

// The syntax tree of a .net file. Records with value equality: a file's tree caches in incremental pipelines.

public sealed record FileSyntax(string Path, EquatableArray<DeclarationSyntax> Declarations);

public abstract record DeclarationSyntax(string Name, TextRange NameRange, EquatableArray<ParameterSyntax> Parameters, BodySyntax Body, TextRange Range)
{
    public abstract string Keyword { get; }

    /// <summary>The C# class that declared this network or block (attribute front-end), else null.</summary>
    public DeclarationHost? Host { get; init; }
}

/// <summary>
/// <c>network Name(params) { input [C, H, W] ... }</c>. An input size may be symbolic, <c>t &lt;= bound</c> (a
/// <see cref="BinarySyntax"/> <c>&lt;=</c> whose left side is the symbol's name).
/// </summary>
public sealed record NetworkSyntax(string Name, TextRange NameRange, EquatableArray<ParameterSyntax> Parameters, EquatableArray<ExpressionSyntax> InputShape, TextRange InputRange, BodySyntax Body, TextRange Range)
    : DeclarationSyntax(Name, NameRange, Parameters, Body, Range)
{
    public override string Keyword => "network";

    /// <summary><c>input tokens [...]</c>: the input holds token ids, not floats.</summary>
    public bool TokenIds { get; init; }
}

/// <summary><c>block Name(params) = expr</c> or <c>block Name(params) { input a, b ... }</c>. No declared inputs means one input named <c>input</c>.</summary>
public sealed record BlockSyntax(string Name, TextRange NameRange, EquatableArray<ParameterSyntax> Parameters, EquatableArray<InputNameSyntax> Inputs, BodySyntax Body, TextRange Range)
    : DeclarationSyntax(Name, NameRange, Parameters, Body, Range)
{
    public override string Keyword => "block";
}

public sealed record InputNameSyntax(string Name, TextRange Range);

/// <summary><c>name</c>, <c>name = default</c>, <c>name: type</c> or <c>name: type = default</c>.</summary>
public sealed record ParameterSyntax(string Name, TextRange NameRange, string? TypeName, TextRange TypeRange, ExpressionSyntax? Default);

public sealed record BodySyntax(EquatableArray<StatementSyntax> Statements, TextRange Range);

public abstract record StatementSyntax(TextRange Range);

/// <summary><c>name = expr</c>: names a value without changing the current one.</summary>
public sealed record BindingSyntax(string Name, TextRange NameRange, ExpressionSyntax Value, TextRange Range) : StatementSyntax(Range);

/// <summary><c>(a, b) = expr</c>: names each of the several values an expression gives (<c>x.chunk(2)</c>, a tuple).</summary>
public sealed record TupleBindingSyntax(EquatableArray<NameSyntax> Names, ExpressionSyntax Value, TextRange Range) : StatementSyntax(Range);

/// <summary>
/// <c>output logits: x, aux: a if training</c>: a network's outputs, named, in the order the generated module returns
/// them (the first is the main one). Only a network's last statement; see <see cref="OutputItemSyntax"/>.
/// </summary>
public sealed record OutputStatementSyntax(EquatableArray<OutputItemSyntax> Outputs, TextRange KeywordRange, TextRange Range) : StatementSyntax(Range);

/// <summary>
/// One output, <c>name: value</c>. <see cref="Value"/> is lowered as a named value's is (a layer written there applies to
/// the current value); <c>value if training</c>, a <see cref="ConditionalSyntax"/> on the name <c>training</c>, is an output
/// computed only while the network trains.
/// </summary>
public sealed record OutputItemSyntax(string Name, TextRange NameRange, ExpressionSyntax Value, TextRange Range);

/// <summary>An expression applied to the current value; its result becomes the current value.</summary>
public sealed record ExpressionStatementSyntax(ExpressionSyntax Expression, TextRange Range) : StatementSyntax(Range);

public abstract record ExpressionSyntax(TextRange Range);

public sealed record NameSyntax(string Name, TextRange Range) : ExpressionSyntax(Range);

public sealed record IntegerSyntax(long Value, TextRange Range) : ExpressionSyntax(Range);

public sealed record FloatSyntax(double Value, string Text, TextRange Range) : ExpressionSyntax(Range);

public sealed record BoolSyntax(bool Value, TextRange Range) : ExpressionSyntax(Range);

/// <summary><c>name(args)</c>. A named argument is a <see cref="LabeledSyntax"/> argument.</summary>
public sealed record CallSyntax(string Name, TextRange NameRange, EquatableArray<ExpressionSyntax> Arguments, TextRange Range) : ExpressionSyntax(Range);

/// <summary><c>value.channels</c>, <c>.height</c>, <c>.width</c>, <c>.rank</c>.</summary>
public sealed record MemberSyntax(ExpressionSyntax Target, string Member, TextRange MemberRange, TextRange Range) : ExpressionSyntax(Range);

/// <summary>
/// <c>value.name(args)</c>: a tensor method, a function of the value (<c>x.permute(1, 0)</c>), or a size read
/// (<c>x.size(-1)</c>). Without a target, <c>.flatten(1)</c>, it applies to the current value (a stage of a pipeline).
/// </summary>
public sealed record MethodCallSyntax(ExpressionSyntax? Target, string Name, TextRange NameRange, EquatableArray<ExpressionSyntax> Arguments, TextRange Range) : ExpressionSyntax(Range);

/// <summary><c>value[items]</c>: selects (<c>x[0]</c>) and slices (<c>x[0::2, 1::2]</c>) along the axes in order, as Python's indexing.</summary>
public sealed record IndexSyntax(ExpressionSyntax Target, EquatableArray<IndexItemSyntax> Items, TextRange Range) : ExpressionSyntax(Range);

/// <summary>One item of an index: <c>i</c> (a select), or <c>start:stop:step</c> with any part left out (a slice; <c>:</c> keeps the axis).</summary>
public sealed record IndexItemSyntax(ExpressionSyntax? Start, ExpressionSyntax? Stop, ExpressionSyntax? Step, bool IsSlice, TextRange Range);

public enum BinaryOperator
{
    Pipe,
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
}

/// <summary><c>a |> b |> c</c>: each stage applied to the value of the one before. Flat, so long pipelines never nest deeply.</summary>
public sealed record PipelineSyntax(EquatableArray<ExpressionSyntax> Stages, TextRange Range) : ExpressionSyntax(Range);

public sealed record BinarySyntax(BinaryOperator Operator, TextRange OperatorRange, ExpressionSyntax Left, ExpressionSyntax Right, TextRange Range) : ExpressionSyntax(Range);

public enum UnaryOperator
{
    Negate,
    Not,
}

public sealed record UnarySyntax(UnaryOperator Operator, ExpressionSyntax Operand, TextRange Range) : ExpressionSyntax(Range);

/// <summary>
/// <c>label: expr</c>: names the child the expression creates (or, in an op call, a named argument). A label ending
/// in <c>*</c> (<c>denselayer*: DenseLayer(32) * 6</c>) names the copies of a repetition <c>denselayer1</c> ... <c>denselayer6</c>,
/// as children of the enclosing scope. A quoted label (<c>"block1-0": ...</c>) is any text; with <c>{expressions}</c>
/// it is a <see cref="Template"/> naming the copies of a repetition (<c>"layer_{i}": B() * 3</c>).
/// </summary>
public sealed record LabeledSyntax(string Label, TextRange LabelRange, ExpressionSyntax Value, TextRange Range) : ExpressionSyntax(Range)
{
    /// <summary>Written in quotes: <see cref="Label"/> is the text itself, never a named argument, a keyword or <c>name*</c>.</summary>
    public bool Quoted { get; init; }

    /// <summary>The parts of a template label, or null; <see cref="Label"/> is then its text as written.</summary>
    public EquatableArray<LabelPartSyntax>? Template { get; init; }
}

/// <summary>
/// <c>layer if condition</c>: the layer is present only when the condition holds. With <see cref="Else"/>,
/// <c>a if condition else b</c> is the value <c>a</c> when the condition holds, else <c>b</c>.
/// </summary>
public sealed record ConditionalSyntax(ExpressionSyntax Value, ExpressionSyntax Condition, ExpressionSyntax? Else, TextRange Range) : ExpressionSyntax(Range);

/// <summary><c>(a, b)</c>: a pair of integers, or several values fed to a multi-input block or a merge.</summary>
public sealed record TupleSyntax(EquatableArray<ExpressionSyntax> Items, TextRange Range) : ExpressionSyntax(Range);

public sealed record ParenthesizedSyntax(ExpressionSyntax Inner, TextRange Range) : ExpressionSyntax(Range);

/// <summary><c>{ statements }</c>: a sub-scope applied to the current value.</summary>
public sealed record GroupSyntax(BodySyntax Body, TextRange Range) : ExpressionSyntax(Range);

/// <summary><c>parallel n { statements }</c>: n copies of a sub-scope, each applied to the current value.</summary>
public sealed record ParallelSyntax(ExpressionSyntax Count, BodySyntax Body, TextRange KeywordRange, TextRange Range) : ExpressionSyntax(Range);
