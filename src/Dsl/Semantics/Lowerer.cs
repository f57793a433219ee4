using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Catalog;
using NetDsl.Catalog.Ops;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// Lowers one declaration's syntax to a typed <see cref="Scope"/>: resolves names, matches arguments, types every
/// expression and reports name and type errors. Shapes are not known here; the <see cref="Checker"/> evaluates them.
/// </summary>
internal sealed partial class Lowerer
{
    /// <summary>The sizes a value has as members (<c>x.channels</c>, ..., <c>x.rank</c>), in <see cref="SizeQuery"/> order; <c>x.size(i)</c> is a method. Tools list them as completions.</summary>
    internal static readonly string[] Members = { "channels", "height", "width", "size", "rank" };
    internal static readonly string[] MergeNames = { "concat", "add", "mul" };

    private readonly DiagnosticBag _diagnostics;
    private readonly IReadOnlyDictionary<string, BlockInfo> _blocks;
    private readonly SourceText _source;
    private readonly Scope _root;
    private Scope _scope;
    private Dictionary<string, Binding> _names = new();

    /// <summary>
    /// The names of <see cref="_names"/> bound to parameters or named numbers, in binding order: what a group sees of
    /// the scope around it. Kept apart so that each group does not scan every value named in a deep scope.
    /// </summary>
    private List<string> _numberNames = new();
    private HashSet<string> _labels = new();

    /// <summary>Inside a branch of <c>a if c else b</c>: the condition under which instructions made now run.</summary>
    private Scalar? _guard;

    private Lowerer(DiagnosticBag diagnostics, IReadOnlyDictionary<string, BlockInfo> blocks, SourceText source, Scope root)
    {
        _diagnostics = diagnostics;
        _blocks = blocks;
        _source = source;
        _root = root;
        _scope = root;
    }

    /// <summary>Block names each scope calls, for the recursion check.</summary>
    public HashSet<string> CalledBlocks { get; } = new();

    private sealed class Binding
    {
        public Binding(ParameterInfo? parameter, int value, TextRange range, bool isInput)
        {
            Parameter = parameter;
            Value = value;
            Range = range;
            IsInput = isInput;
        }

        public ParameterInfo? Parameter { get; }

        /// <summary>A named number (<c>hidden = input.channels * t</c>): uses stand for its expression.</summary>
        public Scalar? Scalar { get; init; }

        public int Value { get; }

        public TextRange Range { get; }

        public bool IsInput { get; }

        public bool Used { get; set; }

        /// <summary>A named value whose expression failed (already reported): its uses are errors too, silent ones.</summary>
        public bool Failed { get; init; }

        /// <summary>A child declared by <c>name = layer(...)</c>, applied where the name is used (see <see cref="LowerDeclaredLayer"/>).</summary>
        public LoweredLayer? Layer { get; init; }

        /// <summary>Where a declared <see cref="Layer"/> is applied, once applied.</summary>
        public TextRange? AppliedAt { get; set; }
    }

    public static Scope LowerBlock(BlockInfo block, IReadOnlyDictionary<string, BlockInfo> blocks, DiagnosticBag diagnostics, out HashSet<string> called)
    {
        var scope = new Scope(block.Name, ScopeKind.Block, block.Source, null);
        var lowerer = new Lowerer(diagnostics, blocks, block.Source, scope);
        lowerer.LowerParameters(block.Syntax.Parameters);
        var inputs = block.Syntax.Inputs.Count == 0
            ? new[] { new InputNameSyntax("input", block.Syntax.NameRange) }
            : block.Syntax.Inputs.ToArray();
        foreach (var input in inputs)
        {
            var id = scope.NewValue(ValueKind.Tensor, input.Name, input.Range);
            scope.Inputs.Add(id);
            if (lowerer._names.ContainsKey(input.Name))
                diagnostics.Report(DiagnosticCatalog.DuplicateValue, block.Source.Span(input.Range), $"block '{block.Name}' uses the name '{input.Name}' twice; rename the input or the parameter");
            lowerer._names[input.Name] = new Binding(null, id, input.Range, isInput: true);
        }
        if (!lowerer._names.ContainsKey("input")) lowerer._names["input"] = new Binding(null, scope.Inputs[0], block.Syntax.NameRange, isInput: true);
        lowerer.LowerBody(block.Syntax.Body, new LoweredValues(new[] { scope.Inputs[0] }, block.Syntax.NameRange));
        lowerer.CheckLength(scope);
        called = lowerer.CalledBlocks;
        return scope;
    }

    public static Scope LowerNetwork(NetworkSyntax network, SourceText source, IReadOnlyDictionary<string, BlockInfo> blocks, DiagnosticBag diagnostics, out HashSet<string> called, out InputDeclaration input)
    {
        var scope = new Scope(network.Name, ScopeKind.Network, source, null);
        var lowerer = new Lowerer(diagnostics, blocks, source, scope);
        lowerer.LowerParameters(network.Parameters);
        var id = scope.NewValue(ValueKind.Tensor, "input", network.InputRange);
        scope.Inputs.Add(id);
        input = lowerer.LowerInput(network, id);
        lowerer._names["input"] = new Binding(null, id, network.InputRange, isInput: true);
        lowerer.LowerBody(network.Body, new LoweredValues(new[] { id }, network.InputRange));
        lowerer.CheckLength(scope);
        called = lowerer.CalledBlocks;
        return scope;
    }

    /// <summary>ND0121 at the first statement past <see cref="LayerLimit.StatementsPerBody"/> of this body or of a group in it.</summary>
    private void CheckLength(Scope scope)
    {
        if (scope.Instructions.Count > LayerLimit.StatementsPerBody)
        {
            var kind = scope.Kind switch { ScopeKind.Network => "network", ScopeKind.Block => "block", _ => "group" };
            Report(DiagnosticCatalog.BodyTooLong, scope.Instructions[LayerLimit.StatementsPerBody].Range,
                $"this {kind} body has {scope.Instructions.Count:N0} statements (layers, merges and functions written out), more than the {LayerLimit.StatementsPerBody:N0} one generated method may hold; repeat what repeats ('conv(8, 3) * n', 'B() * n', a loop in the generated code) or split the body into blocks");
        }
        foreach (var instruction in scope.Instructions)
        {
            if (instruction is GroupInstruction group) CheckLength(group.Body);
        }
    }

    /// <summary>
    /// The input's sizes: a number (<c>64</c>, <c>size</c>) or a symbolic size with its bound (<c>t &lt;= context</c>). A
    /// symbol is a name in the network, reading that axis (<c>input.size(k)</c>), so using it where a number is needed says why not.
    /// </summary>
    private InputDeclaration LowerInput(NetworkSyntax network, int input)
    {
        var sizes = new List<Scalar>();
        var symbols = new List<string?>();
        foreach (var dimension in network.InputShape)
        {
            if (dimension is BinarySyntax { Operator: BinaryOperator.LessOrEqual, Left: NameSyntax symbol } bounded)
            {
                if (ExpectScalar(Lower(bounded.Right, null), ValueKind.Int, $"the bound of the symbolic size '{symbol.Name}'") is not { } bound) continue;
                if (_names.ContainsKey(symbol.Name) || OpCatalog.Find(symbol.Name) is not null || _blocks.ContainsKey(symbol.Name) || MergeNames.Contains(symbol.Name) || symbol.Name == "input")
                {
                    var taken = symbols.Contains(symbol.Name) ? "another axis of the input" : _names.ContainsKey(symbol.Name) ? "a parameter" : "an op, a block or 'input'";
                    Report(DiagnosticCatalog.DuplicateValue, symbol.Range, $"the symbolic size '{symbol.Name}' has the name of {taken}; give it another name");
                    continue;
                }
                var axis = sizes.Count;
                _names[symbol.Name] = new Binding(null, -1, symbol.Range, isInput: false)
                {
                    Scalar = new DimensionScalar(input, SizeQuery.Size, axis, symbol.Name, Outer: false, symbol.Range),
                    Used = true,
                };
                _numberNames.Add(symbol.Name);
                sizes.Add(bound);
                symbols.Add(symbol.Name);
                continue;
            }
            if (dimension is BinarySyntax { Operator: BinaryOperator.Less or BinaryOperator.LessOrEqual } wrong)
            {
                Report(DiagnosticCatalog.WrongType, wrong.Range, "a symbolic size is a name and its bound, 't <= 1024'");
                continue;
            }
            if (ExpectScalar(Lower(dimension, null), ValueKind.Int, "an input size") is { } scalar)
            {
                sizes.Add(scalar);
                symbols.Add(null);
            }
        }
        return new InputDeclaration(sizes, symbols, network.TokenIds ? ElementKind.Id : ElementKind.Float);
    }

    /// <summary>Parameters take their type from an annotation, else from their default, else int.</summary>
    public static List<ParameterInfo> LowerSignature(DeclarationSyntax declaration, SourceText source, IReadOnlyDictionary<string, BlockInfo> blocks, DiagnosticBag? diagnostics)
    {
        var scope = new Scope(declaration.Name, ScopeKind.Block, source, null);
        var lowerer = new Lowerer(diagnostics ?? new DiagnosticBag(), blocks, source, scope);
        lowerer.LowerParameters(declaration.Parameters);
        return scope.Parameters;
    }

    private void LowerParameters(IEnumerable<ParameterSyntax> parameters)
    {
        foreach (var parameter in parameters)
        {
            Scalar? defaultValue = null;
            ValueKind? declared = parameter.TypeName switch
            {
                null => null,
                "int" => ValueKind.Int,
                "float" => ValueKind.Float,
                "bool" => ValueKind.Bool,
                _ => ValueKind.Error,
            };
            if (declared == ValueKind.Error)
            {
                Report(DiagnosticCatalog.WrongType, parameter.TypeRange, $"unknown parameter type '{parameter.TypeName}'; use int, float or bool");
                declared = ValueKind.Int;
            }
            if (parameter.Default is not null)
            {
                var lowered = Lower(parameter.Default, null);
                defaultValue = ExpectScalar(lowered, declared ?? ValueKind.Error, $"the default of '{parameter.Name}'");
            }
            var type = declared ?? (defaultValue?.Kind is ValueKind.Int or ValueKind.Float or ValueKind.Bool ? defaultValue.Kind : ValueKind.Int);
            if (defaultValue is not null && defaultValue.Kind == ValueKind.Int && type == ValueKind.Float) defaultValue = new ToFloatScalar(defaultValue);
            var info = new ParameterInfo(parameter.Name, type, defaultValue, parameter.NameRange);
            if (_names.ContainsKey(parameter.Name))
            {
                Report(DiagnosticCatalog.DuplicateParameter, parameter.NameRange, $"parameter '{parameter.Name}' is declared twice; rename one of them");
                continue;
            }
            if (parameter.Name == "input" || MergeNames.Contains(parameter.Name))
                Report(DiagnosticCatalog.ReservedName, parameter.NameRange, $"'{parameter.Name}' is a reserved name; choose another parameter name");
            _scope.Parameters.Add(info);
            _names[parameter.Name] = new Binding(info, -1, parameter.NameRange, isInput: false) { Used = true };
            _numberNames.Add(parameter.Name);
        }
    }

    private void LowerBody(BodySyntax body, Lowered input)
    {
        var current = input;
        var errorsBefore = _errors;
        // The results of statements that no instruction has read yet, to warn of those never read (ND0118).
        var unread = new Dictionary<int, StatementSyntax>();
        var named = new HashSet<int>(_scope.Inputs);
        var last = body.Statements.Count > 0 ? body.Statements[body.Statements.Count - 1] : null;
        foreach (var statement in body.Statements)
        {
            var errors = _errors;
            var instructions = _scope.Instructions.Count;
            int? produced = null;
            switch (statement)
            {
                case BindingSyntax binding:
                {
                    if (LowerLearnedTensor(binding) || LowerDeclaredLayer(binding)) break;
                    var lowered = Lower(binding.Value, current);
                    var value = lowered is LoweredScalar ? lowered : ToValues(lowered, current, binding.Value.Range);
                    if (_names.TryGetValue(binding.Name, out var existing))
                    {
                        Report(DiagnosticCatalog.DuplicateValue, binding.NameRange,
                            $"'{binding.Name}' is already defined at {_source.Span(existing.Range)}; give this value another name");
                        break;
                    }
                    if (value is not (LoweredValues { Ids.Count: 1 } or LoweredScalar { Scalar.Kind: ValueKind.Int or ValueKind.Float or ValueKind.Bool }))
                    {
                        if (value is LoweredValues or LoweredScalar)
                            Report(DiagnosticCatalog.WrongType, binding.Value.Range, $"'{binding.Name}' can name one tensor or one number, not {Kind(value).Describe()}; name each value");
                        // Later uses of a name whose value failed are that failure, not new errors.
                        _names[binding.Name] = new Binding(null, -1, binding.NameRange, isInput: false) { Failed = true, Used = true };
                        break;
                    }
                    if (value is LoweredScalar number)
                    {
                        _names[binding.Name] = new Binding(null, -1, binding.NameRange, isInput: false) { Scalar = number.Scalar };
                        _numberNames.Add(binding.Name);
                    }
                    else
                    {
                        _names[binding.Name] = new Binding(null, ((LoweredValues)value).Ids[0], binding.NameRange, isInput: false);
                        named.Add(((LoweredValues)value).Ids[0]);
                    }
                    _scope.Names.Add(new NamedValue(binding.Name, binding.NameRange, (value as LoweredValues)?.Ids[0] ?? -1, (value as LoweredScalar)?.Scalar));
                    break;
                }
                case TupleBindingSyntax tuple:
                    LowerTupleBinding(tuple, current);
                    break;
                case OutputStatementSyntax outputs:
                    current = LowerOutputs(outputs, current, ReferenceEquals(statement, last));
                    break;
                case ExpressionStatementSyntax expression:
                {
                    var value = ToValues(Lower(expression.Expression, current), current, expression.Range);
                    // After a statement that failed, the current value is unknown: what follows it is checked for names, not applied to a wrong shape.
                    current = value is LoweredValues or LoweredError ? value : current;
                    if (value is LoweredValues { Ids.Count: 1 } result && !named.Contains(result.Ids[0])) produced = result.Ids[0];
                    break;
                }
            }
            MarkRead(unread, instructions);
            if (produced is { } id) unread[id] = statement;
            // A statement with errors may have stopped before some of its names: none of them is "never used".
            if (_errors > errors) MarkUsed(statement);
        }
        foreach (var pair in _names.Where(n => n.Value.Parameter is null && !n.Value.IsInput && !n.Value.Used && n.Value.Layer is null))
        {
            Report(DiagnosticCatalog.UnusedValue, pair.Value.Range, $"the value '{pair.Key}' is never used; use it or remove it");
        }
        ReportUnappliedLayers();
        if (current is LoweredValues { Ids.Count: 1 } output)
        {
            _scope.Output = output.Ids[0];
            if (_scope.Values[output.Ids[0]].Kind == ValueKind.Tensors)
                Report(DiagnosticCatalog.WrongType, body.Range, $"'{_scope.Name}' ends with several tensors; merge them with concat, add or mul");
        }
        else if (current is LoweredValues multiple)
        {
            Report(DiagnosticCatalog.WrongType, body.Range, $"'{_scope.Name}' ends with {multiple.Ids.Count} values; merge them with concat, add or mul");
            _scope.Output = multiple.Ids.Count > 0 ? multiple.Ids[0] : _scope.Inputs.Count > 0 ? _scope.Inputs[0] : -1;
        }
        else _scope.Output = _scope.Inputs.Count > 0 ? _scope.Inputs[0] : -1;
        MarkRead(unread, _scope.Instructions.Count);
        unread.Remove(_scope.Output);
        foreach (var declared in _scope.Outputs) unread.Remove(declared.Value);
        if (_errors == errorsBefore) ReportDroppedResults(unread);
    }

    /// <summary>Takes out of <paramref name="unread"/> the values read by the instructions added since <paramref name="from"/>.</summary>
    private void MarkRead(Dictionary<int, StatementSyntax> unread, int from)
    {
        if (unread.Count == 0) return;
        for (var i = from; i < _scope.Instructions.Count; i++)
        {
            foreach (var input in _scope.Instructions[i].Reads) unread.Remove(input);
        }
    }

    /// <summary>
    /// ND0118: a statement whose result no later statement reads (the next one starts from <c>input</c> or a named value):
    /// its layers are built, counted and run for nothing.
    /// </summary>
    private void ReportDroppedResults(Dictionary<int, StatementSyntax> unread)
    {
        foreach (var statement in unread.Values.OrderBy(s => s.Range.Start))
        {
            var text = Text(statement.Range).Replace("\r", " ").Replace("\n", " ");
            if (text.Length > 40) text = text.Substring(0, 39) + "…";
            Report(DiagnosticCatalog.UnusedOutput, statement.Range,
                $"the result of '{text}' is never used: the next line starts from another value, yet its layers are built and run; remove it, or name it (x = ...) and use it");
        }
    }

    /// <summary>Marks every name a statement mentions as used (after an error stopped its lowering part way); the bodies of
    /// groups and parallels inside it are their own scopes and are not entered.</summary>
    private void MarkUsed(StatementSyntax statement)
    {
        var pending = new Stack<ExpressionSyntax>();
        if (SyntaxChildren.ValueOf(statement) is { } value) pending.Push(value);
        while (pending.Count > 0)
        {
            var expression = pending.Pop();
            if (expression is NameSyntax name)
            {
                if (_names.TryGetValue(name.Name, out var bound)) bound.Used = true;
                else MarkRootUsed(name.Name);
            }
            foreach (var child in SyntaxChildren.Of(expression)) pending.Push(child);
        }
    }

    /// <summary>
    /// <c>(a, b) = expr</c>: a tuple of values names each; the several values of one (<c>x.chunk(2)</c>) are picked one by
    /// one, and the checker makes sure there are as many as names.
    /// </summary>
    private void LowerTupleBinding(TupleBindingSyntax tuple, Lowered current)
    {
        var value = ToValues(Lower(tuple.Value, current), current, tuple.Value.Range);
        if (value is not LoweredValues values) return;
        var ids = new List<int>();
        if (values.Ids.Count == 1 && _scope.Values[values.Ids[0]].Kind == ValueKind.Tensors)
        {
            for (var i = 0; i < tuple.Names.Count; i++)
            {
                var item = _scope.NewValue(ValueKind.Tensor, tuple.Names[i].Name, tuple.Names[i].Range);
                _scope.Instructions.Add(new ItemInstruction(item, values.Ids[0], i, tuple.Names.Count, tuple.Names[i].Range));
                ids.Add(item);
            }
        }
        else if (values.Ids.Count == tuple.Names.Count && AllTensors(values.Ids)) ids.AddRange(values.Ids);
        else
        {
            Report(DiagnosticCatalog.WrongInputCount, tuple.Value.Range,
                $"({string.Join(", ", tuple.Names.Select(n => n.Name))}) names {tuple.Names.Count} values but this gives {(values.Ids.Count == 1 ? "one tensor" : $"{values.Ids.Count}")}; a tuple binding takes a tuple of tensors or the several values of x.chunk(n) or x.split(...)");
            return;
        }
        for (var i = 0; i < tuple.Names.Count; i++)
        {
            var name = tuple.Names[i];
            if (name.Name == "_") continue; // a value left unnamed on purpose
            if (_names.TryGetValue(name.Name, out var existing))
            {
                Report(DiagnosticCatalog.DuplicateValue, name.Range, $"'{name.Name}' is already defined at {_source.Span(existing.Range)}; give this value another name");
                continue;
            }
            _names[name.Name] = new Binding(null, ids[i], name.Range, isInput: false);
        }
    }

    private Lowered Lower(ExpressionSyntax expression, Lowered? input)
    {
        switch (expression)
        {
            case IntegerSyntax integer:
                return new LoweredScalar(new ConstantScalar(ScalarValue.OfInt(integer.Value), integer.Range));
            case FloatSyntax number:
                return new LoweredScalar(new ConstantScalar(ScalarValue.OfFloat(number.Value), number.Range));
            case BoolSyntax boolean:
                return new LoweredScalar(new ConstantScalar(ScalarValue.OfBool(boolean.Value), boolean.Range));
            case NameSyntax name:
                return LowerName(name, input);
            case CallSyntax call:
                return LowerCall(call, input);
            case MemberSyntax member:
                return LowerMember(member, input);
            case MethodCallSyntax method:
                return LowerMethod(method, input);
            case IndexSyntax index:
                return LowerIndex(index, input);
            case ParenthesizedSyntax parenthesized:
                return Lower(parenthesized.Inner, input);
            case TupleSyntax tuple:
                return new LoweredTuple(tuple.Items.Select(item => Lower(item, input)).ToList(), tuple.Range);
            case UnarySyntax unary:
                return LowerUnary(unary, input);
            case BinarySyntax binary:
                return binary.Operator == BinaryOperator.Pipe ? LowerPipe(new[] { binary.Left, binary.Right }, input) : LowerBinary(binary, input);
            case PipelineSyntax pipeline:
                return LowerPipe(pipeline.Stages, input);
            case LabeledSyntax labeled:
                return LowerLabeled(labeled, input);
            case ComprehensionSyntax comprehension:
                return LowerComprehension(comprehension, input);
            case ConditionalSyntax conditional:
                return LowerConditional(conditional, input, null, default);
            case GroupSyntax group:
                return LowerGroup(group.Body, null, input, null, default, null, group.Range);
            case ParallelSyntax parallel:
            {
                var count = ExpectScalar(Lower(parallel.Count, null), ValueKind.Int, "the number of parallel copies");
                return LowerGroup(parallel.Body, count, input, null, default, null, parallel.Range);
            }
            default:
                return new LoweredError(expression.Range);
        }
    }

    private Lowered LowerName(NameSyntax name, Lowered? input)
    {
        if (name.Name == "<error>") return new LoweredError(name.Range);
        if (_names.TryGetValue(name.Name, out var binding))
        {
            if (binding.Failed) return new LoweredError(name.Range);
            binding.Used = true;
            if (binding.Layer is { } declared) return LowerDeclaredLayerUse(name, binding, declared);
            if (binding.Parameter is { } parameter) return new LoweredScalar(new ParameterScalar(parameter.Name, parameter.Type, name.Range));
            if (binding.Scalar is IndexScalar) return new LoweredScalar(new IndexScalar(name.Name, name.Range));
            if (binding.Scalar is { } number) return new LoweredScalar(number);
            return new LoweredValues(new[] { binding.Value }, name.Range);
        }
        if (_scope != _root && IsOuterDeclaredLayer(name.Name))
        {
            MarkRootUsed(name.Name);
            Report(DiagnosticCatalog.OuterValueInGroup, name.Range,
                $"the layer '{name.Name}' is declared outside this group, which registers its own children; declare it in the body that applies it");
            return new LoweredError(name.Range);
        }
        if (_scope != _root && (RootInput(name.Name) is not null || OuterValue(name.Name) is not null))
        {
            MarkRootUsed(name.Name);
            Report(DiagnosticCatalog.OuterValueInGroup, name.Range,
                $"'{name.Name}' belongs to '{_root.Name}', outside this group; a group sees only its own input (and the sizes of outer values, e.g. {name.Name}.channels)");
            return new LoweredError(name.Range);
        }
        if (OpCatalog.Find(name.Name) is not null || _blocks.ContainsKey(name.Name) || MergeNames.Contains(name.Name))
        {
            return LowerCall(new CallSyntax(name.Name, name.Range, Collections.EquatableArray<ExpressionSyntax>.Empty, name.Range), input);
        }
        if (OpCatalog.IsWord(name.Name)) return new LoweredScalar(new ConstantScalar(ScalarValue.OfSymbol(name.Name), name.Range));
        if (NumberFunctions.IsName(name.Name))
        {
            Report(DiagnosticCatalog.WrongType, name.Range, $"'{name.Name}' is a function on numbers; call it: {name.Name}({(name.Name is "max" or "min" ? "a, b" : "x")})");
            return new LoweredError(name.Range);
        }
        ReportUnknown(name.Name, name.Range);
        return new LoweredError(name.Range);
    }

    private void ReportUnknown(string name, TextRange range)
    {
        if (name == TrainingCondition)
        {
            Report(DiagnosticCatalog.UnknownName, range,
                $"'{TrainingCondition}' is a condition of a network's outputs only, an output that exists while the network trains: output logits: x, aux: a if training");
            return;
        }
        if (OpAliases.Find(name) is { } alias)
        {
            Report(DiagnosticCatalog.UnknownName, range, $"'{name}' is not a NetDsl op; NetDsl calls this '{alias}'");
            return;
        }
        var candidates = OpCatalog.Names.Concat(_blocks.Keys).Concat(MergeNames).Concat(NumberFunctions.Names).Concat(_names.Keys).Concat(OpCatalog.Words);
        var suggestion = Suggestions.Closest(name, candidates);
        Report(DiagnosticCatalog.UnknownName, range,
            $"'{name}' is not an op, a block or a value in scope{(suggestion is null ? "; see docs/language.md for the ops" : $"; did you mean '{suggestion}'?")}");
    }

    private Lowered LowerMember(MemberSyntax member, Lowered? input)
    {
        var query = (SizeQuery)Array.IndexOf(Members, member.Member);
        if (member.Member == "size" || (int)query < 0)
        {
            // A method without parentheses: 'x.flatten' is x.flatten().
            if (member.Member != "size" && OpCatalog.Find(member.Member) is { } op && (op.Forms & OpForms.Function) != 0)
                return LowerMethod(new MethodCallSyntax(member.Target, member.Member, member.MemberRange, Collections.EquatableArray<ExpressionSyntax>.Empty, member.Range), input);
            Report(DiagnosticCatalog.UnknownName, member.MemberRange, member.Member == "size"
                ? "'size' reads an axis: write x.size(i), i counting from 0 (negative from the last)"
                : $"a tensor has 'channels', 'height', 'width', 'rank' and 'size(i)', not '{member.Member}'; its methods are {MethodList()}");
            return new LoweredError(member.Range);
        }
        return LowerSize(member.Target, query, 0, member.Member, member.Range);
    }

    /// <summary>A size of a tensor value: its own scope's, or, inside a group, the root scope's (<see cref="DimensionScalar.Outer"/>).</summary>
    private Lowered LowerSize(ExpressionSyntax target, SizeQuery query, int axis, string member, TextRange range)
    {
        var text = _source.Text.Substring(range.Start, range.Length);
        if (target is NameSyntax name && _scope != _root && !_names.ContainsKey(name.Name))
        {
            var outer = OuterValue(name.Name) ?? RootInput(name.Name);
            if (outer is { } id)
            {
                MarkRootUsed(name.Name);
                return new LoweredScalar(new DimensionScalar(id, query, axis, text, Outer: true, range));
            }
        }
        var lowered = Lower(target, null);
        if (lowered is LoweredValues { Ids.Count: 1 } value && _scope.Values[value.Ids[0]].Kind == ValueKind.Tensor)
            return new LoweredScalar(new DimensionScalar(value.Ids[0], query, axis, text, Outer: false, range));
        if (lowered is not LoweredError)
            Report(DiagnosticCatalog.WrongType, target.Range, $"'.{member}' needs a tensor value, e.g. input.{member}");
        return new LoweredError(range);
    }

    private static string MethodList() =>
        string.Join(", ", OpCatalog.All.Where(op => (op.Forms & OpForms.Function) != 0).Select(op => op.Name));

    /// <summary>
    /// <c>x.name(args)</c>: <c>x.size(i)</c> reads a size; any other name is an op's function form, applied to the value
    /// (<c>x.permute(1, 0)</c>); without a target (<c>.flatten(1)</c>, a stage) to the current value.
    /// </summary>
    private Lowered LowerMethod(MethodCallSyntax method, Lowered? input)
    {
        if (method.Name == "size")
        {
            if (method.Target is null || method.Arguments.Count != 1 || method.Arguments[0] is LabeledSyntax)
            {
                Report(DiagnosticCatalog.WrongType, method.Range, "x.size(i) reads axis i of a value x (negative from the last): one argument, and a value before the dot");
                return new LoweredError(method.Range);
            }
            var index = ExpectScalar(Lower(method.Arguments[0], null), ValueKind.Int, "the axis of size(i)");
            if (index is null) return new LoweredError(method.Range);
            if (Constant(index) is not { } axis || axis < int.MinValue || axis > int.MaxValue)
            {
                Report(DiagnosticCatalog.WrongType, method.Arguments[0].Range, "the axis of size(i) is a constant integer, e.g. x.size(-1)");
                return new LoweredError(method.Range);
            }
            return LowerSize(method.Target, SizeQuery.Size, (int)axis, "size", method.Range);
        }
        var op = OpCatalog.Find(method.Name);
        if (op is null || (op.Forms & OpForms.Function) == 0)
        {
            var suggestion = Suggestions.Closest(method.Name, OpCatalog.All.Where(o => (o.Forms & OpForms.Function) != 0).Select(o => o.Name).Append("size"));
            Report(DiagnosticCatalog.UnknownName, method.NameRange, op is not null
                ? $"'{method.Name}' is a layer, not a function of a tensor (it has parameters, or behaves differently while training); write it as a stage: |> {method.Name}"
                : $"a tensor has no method '{method.Name}'{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")} (methods: {MethodList()}, size)");
            return new LoweredError(method.Range);
        }
        var target = method.Target is null ? input : ToValues(Lower(method.Target, input), input, method.Target.Range);
        if (target is LoweredError) return target;
        // The summary shows the method as the op it is, without its target: transpose(0, 1).
        var text = _source.Text.Substring(method.NameRange.Start, method.Range.End - method.NameRange.Start);
        var call = LowerOpCall(new CallSyntax(method.Name, method.NameRange, method.Arguments, method.Range), op, text);
        if (call is not LoweredLayer layer) return call;
        return ApplyFunction(layer.Call, target, method.Range);
    }

    /// <summary>
    /// <c>x[i, a:b:c, ...]</c>: the items in order, each a select (the axis goes) or a slice (it stays); <c>:</c> keeps an
    /// axis as it is. Each is a function, spelled in the summary as the op it is (<c>select(0, 0)</c>, <c>slice(1, 1, step: 2)</c>).
    /// </summary>
    private Lowered LowerIndex(IndexSyntax index, Lowered? input)
    {
        var current = ToValues(Lower(index.Target, input), input, index.Target.Range);
        var axis = 0;
        foreach (var item in index.Items)
        {
            if (current is LoweredError) return current;
            if (item.IsSlice && item.Start is null && item.Stop is null && item.Step is null)
            {
                axis++;
                continue;
            }
            var dim = new IntegerSyntax(axis, item.Range);
            var (op, arguments) = item.IsSlice
                ? (OpCatalog.Find("slice")!, new ExpressionSyntax?[] { dim, item.Start, item.Stop, item.Step })
                : (OpCatalog.Find("select")!, new ExpressionSyntax?[] { dim, item.Start });
            var given = new List<ExpressionSyntax>();
            var text = new List<string> { axis.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            for (var i = 1; i < arguments.Length; i++)
            {
                if (arguments[i] is not { } argument) continue;
                var name = op.Arguments[i].Name;
                given.Add(i == 1 ? argument : new LabeledSyntax(name, argument.Range, argument, argument.Range));
                text.Add((i == 1 ? "" : name + ": ") + _source.Text.Substring(argument.Range.Start, argument.Range.Length));
            }
            given.Insert(0, dim);
            var call = LowerOpCall(new CallSyntax(op.Name, item.Range, given.ToEquatableArray(), item.Range), op, $"{op.Name}({string.Join(", ", text)})");
            if (call is not LoweredLayer layer) return call;
            current = ApplyFunction(layer.Call, current, item.Range);
            if (item.IsSlice) axis++;
        }
        return current;
    }

    /// <summary>An op applied to one tensor as a function: no child, no index (<see cref="FunctionInstruction"/>).</summary>
    private Lowered ApplyFunction(LayerCall call, Lowered? target, TextRange range)
    {
        if (target is not LoweredValues { Ids.Count: 1 } value || !AllTensors(value.Ids))
        {
            if (target is LoweredError) return target;
            Report(DiagnosticCatalog.WrongInputCount, range, target is null
                ? $"'{call.Text}' applies to a tensor, but a number is expected here"
                : $"'{call.Name}' applies to one tensor; {(target is LoweredValues ? "name several values with a tuple binding, (a, b) = x.chunk(2), then apply it to each, or merge them first" : "give it a tensor")}");
            return new LoweredError(range);
        }
        var op = call.Op!;
        var result = _scope.NewValue(op.ReturnsSeveral ? ValueKind.Tensors : ValueKind.Tensor, null, range);
        _scope.Instructions.Add(new FunctionInstruction(result, call, value.Ids[0], _scope.NameFunction(op.Name), _guard, range));
        return new LoweredValues(new[] { result }, range);
    }

    /// <summary>The input of the root scope called <paramref name="name"/> (inputs are its only named values), or null.</summary>
    private int? RootInput(string name)
    {
        foreach (var id in _root.Inputs)
        {
            if (_root.Values[id].Name == name) return id;
        }
        return null;
    }

    private void MarkRootUsed(string name)
    {
        foreach (var scopeNames in _outerNames)
        {
            if (scopeNames.TryGetValue(name, out var binding)) binding.Used = true;
        }
    }

    private readonly List<Dictionary<string, Binding>> _outerNames = new();

    /// <summary>A tensor named in the enclosing network or block (the root scope), seen from inside a group.</summary>
    private int? OuterValue(string name) =>
        _outerNames.Count > 0 && _outerNames[0].TryGetValue(name, out var binding) && binding.Parameter is null && binding.Scalar is null && binding.Value >= 0
            ? binding.Value
            : null;

    private Lowered LowerUnary(UnarySyntax unary, Lowered? input)
    {
        var operand = Lower(unary.Operand, input);
        if (operand is LoweredError) return operand;
        var expected = unary.Operator == UnaryOperator.Not ? ValueKind.Bool : ValueKind.Int;
        if (operand is not LoweredScalar { Scalar: var scalar } || (unary.Operator == UnaryOperator.Not ? scalar.Kind != ValueKind.Bool : scalar.Kind is not (ValueKind.Int or ValueKind.Float)))
        {
            Report(DiagnosticCatalog.WrongType, unary.Range, $"'{(unary.Operator == UnaryOperator.Not ? "not" : "-")}' needs {(expected == ValueKind.Bool ? "a bool" : "a number")}");
            return new LoweredError(unary.Range);
        }
        return new LoweredScalar(new UnaryScalar(unary.Operator, scalar, scalar.Kind, unary.Range));
    }

    /// <summary>Each stage applied to the one before; after a stage that failed, the rest are still read for their own errors.</summary>
    private Lowered LowerPipe(IReadOnlyList<ExpressionSyntax> stages, Lowered? input)
    {
        var current = input;
        for (var i = 0; i < stages.Count; i++)
        {
            var value = ToValues(Lower(stages[i], current), current, stages[i].Range);
            if (value is not (LoweredValues or LoweredError))
            {
                Report(DiagnosticCatalog.WrongType, stages[i].Range, "only tensors can be piped with '|>'; this stage is not a tensor");
                value = new LoweredError(stages[i].Range);
            }
            current = value;
        }
        return current!;
    }

    private Lowered LowerBinary(BinarySyntax binary, Lowered? input)
    {
        if (binary.Operator == BinaryOperator.Multiply && binary.Left is ParenthesizedSyntax { Inner: var inner } repeated && IsUnrollable(inner) && !IsNumberSyntax(inner))
            return Unroll(repeated, ExpectScalar(Lower(binary.Right, null), ValueKind.Int, "a repetition count"), binary.Right.Range, null, input, binary.Range);
        var left = Lower(binary.Left, input);
        var right = Lower(binary.Right, input);
        if (left is LoweredError || right is LoweredError) return new LoweredError(binary.Range);
        if (left is LoweredScalar l && right is LoweredScalar r) return Arithmetic(binary, l.Scalar, r.Scalar);
        if (binary.Operator == BinaryOperator.Multiply)
        {
            if (left is LoweredLayer layer && right is LoweredScalar count) return Repeat(layer, count.Scalar, binary.Range);
            if (right is LoweredLayer layer2 && left is LoweredScalar count2) return Repeat(layer2, count2.Scalar, binary.Range);
        }
        if (binary.Operator is BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide)
        {
            if (left is LoweredValues value && right is LoweredScalar number) return Arithmetic(binary, value, number.Scalar, numberFirst: false);
            if (right is LoweredValues value2 && left is LoweredScalar number2) return Arithmetic(binary, value2, number2.Scalar, numberFirst: true);
        }
        if (binary.Operator is BinaryOperator.Add or BinaryOperator.Multiply)
        {
            var a = ToValues(left, input, binary.Left.Range);
            var b = ToValues(right, input, binary.Right.Range);
            if (a is LoweredValues va && b is LoweredValues vb)
                return Merge(binary.Operator == BinaryOperator.Add ? MergeKind.Add : MergeKind.Mul, va.Ids.Concat(vb.Ids).ToList(), binary.OperatorRange);
            if (a is LoweredError || b is LoweredError) return new LoweredError(binary.Range);
        }
        Report(DiagnosticCatalog.WrongType, binary.OperatorRange,
            $"'{Operator(binary.Operator)}' cannot combine {Kind(left).Describe()} and {Kind(right).Describe()}; tensors take '+' and '*' (add, mul), a tensor and a number take + - * /, a layer times an integer repeats it");
        return new LoweredError(binary.Range);
    }

    /// <summary>
    /// A parenthesised expression repeated with <c>* n</c> is a pipeline written out n times (<c>(conv(64, 3) |&gt; relu) * 2</c>);
    /// a single call or name is a repeated layer, and arithmetic or a method on a value (<c>(x + 3) * 2</c>) is arithmetic.
    /// </summary>
    private static bool IsUnrollable(ExpressionSyntax inner) =>
        inner is not (CallSyntax or NameSyntax or MethodCallSyntax or IndexSyntax or MemberSyntax)
        && inner is not BinarySyntax { Operator: not BinaryOperator.Pipe };

    /// <summary>
    /// <c>x * 0.17</c>, <c>x + 3</c>, <c>1 - x</c>, <c>x / 6</c>: a tensor and a number, a function that keeps the shape.
    /// </summary>
    private Lowered Arithmetic(BinarySyntax binary, LoweredValues value, Scalar number, bool numberFirst)
    {
        if (number.Kind is not (ValueKind.Int or ValueKind.Float))
        {
            Report(DiagnosticCatalog.WrongType, binary.OperatorRange, $"'{Operator(binary.Operator)}' combines a tensor with a number, not with {number.Kind.Describe()}");
            return new LoweredError(binary.Range);
        }
        if (value.Ids.Count != 1 || !AllTensors(value.Ids))
        {
            Report(DiagnosticCatalog.WrongInputCount, binary.OperatorRange, $"'{Operator(binary.Operator)}' with a number applies to one tensor; merge the values first");
            return new LoweredError(binary.Range);
        }
        var name = binary.Operator switch
        {
            BinaryOperator.Add => "add",
            BinaryOperator.Subtract => "sub",
            BinaryOperator.Multiply => "mul",
            _ => "div",
        };
        var result = _scope.NewValue(ValueKind.Tensor, null, binary.Range);
        var text = _source.Text.Substring(binary.Range.Start, binary.Range.Length);
        var operand = numberFirst ? binary.Right : binary.Left;
        var operandText = Flat(_source.Text.Substring(operand.Range.Start, operand.Range.Length));
        _scope.Instructions.Add(new ArithmeticInstruction(result, binary.Operator, value.Ids[0], number, numberFirst, _scope.NameFunction(name), text, _guard, binary.Range) { OperandText = operandText });
        return new LoweredValues(new[] { result }, binary.Range);
    }

    /// <summary>
    /// Whether an expression can only be a number (arithmetic of literals, parameters, named numbers, sizes and number
    /// functions), told from its syntax: <c>(a + 1) * 2</c> is arithmetic, not a pipeline written out twice.
    /// </summary>
    private bool IsNumberSyntax(ExpressionSyntax expression) => expression switch
    {
        IntegerSyntax or FloatSyntax or BoolSyntax or MemberSyntax => true,
        NameSyntax name => _names.TryGetValue(name.Name, out var binding) && (binding.Parameter is not null || binding.Scalar is not null),
        CallSyntax call => NumberFunctions.IsName(call.Name),
        ParenthesizedSyntax parenthesized => IsNumberSyntax(parenthesized.Inner),
        UnarySyntax unary => IsNumberSyntax(unary.Operand),
        BinarySyntax binary => binary.Operator != BinaryOperator.Pipe && IsNumberSyntax(binary.Left) && IsNumberSyntax(binary.Right),
        ConditionalSyntax { Else: { } otherwise } conditional => IsNumberSyntax(conditional.Value) && IsNumberSyntax(otherwise),
        _ => false,
    };

    public const int MaxUnroll = 1_000;

    /// <summary>
    /// <c>(conv(64, 3) |> relu) * 2</c>: the layers inside, that many times, as children of this scope (VGG's flat
    /// <c>features</c>). The count must be a constant: the copies are written out here.
    /// </summary>
    /// <param name="index">With <c>(...) for i in n</c>, the name that is each copy's index (a constant in it).</param>
    private Lowered Unroll(ParenthesizedSyntax body, Scalar? count, TextRange countRange, string? index, Lowered? input, TextRange range)
    {
        if (count is null) return new LoweredError(range);
        if (Constant(count) is not { } n)
        {
            Report(DiagnosticCatalog.WrongType, countRange,
                "a parenthesised pipeline repeats a constant number of times (its layers are written out); for a count that depends on parameters, make the pipeline a block and repeat the block");
            return new LoweredError(range);
        }
        if (n < 0 || n > MaxUnroll)
        {
            Report(DiagnosticCatalog.RepeatCountTooLarge, countRange, $"{n} repetitions: a parenthesised pipeline repeats between 0 and {MaxUnroll:N0} times");
            return new LoweredError(range);
        }
        var current = input;
        for (var i = 0; i < n; i++)
        {
            var before = current;
            current = index is null
                ? ToValues(Lower(body.Inner, before), before, body.Range)
                : WithIndex(index, new ConstantScalar(ScalarValue.OfInt(i), body.Range), () => ToValues(Lower(body.Inner, before), before, body.Range));
            if (current is LoweredError) return current;
        }
        return current ?? new LoweredError(range);
    }

    /// <summary>
    /// <c>B(i) for i in n</c>: <c>n</c> chained copies of one layer, each reading its own index in its arguments (a
    /// repetition whose copies differ); <c>(a |> b(i)) for i in n</c>: the pipeline written out n times, i a constant in each.
    /// </summary>
    private Lowered LowerComprehension(ComprehensionSyntax comprehension, Lowered? input)
    {
        var index = comprehension.Index;
        if (comprehension.Count is CallSyntax { Name: "range" } range)
        {
            Report(DiagnosticCatalog.WrongType, range.Range,
                $"'for {index} in' takes the number of copies, not a range: for {index} in {(range.Arguments.Count == 1 ? Text(range.Arguments[0].Range) : "n")}");
            return new LoweredError(comprehension.Range);
        }
        var count = ExpectScalar(Lower(comprehension.Count, null), ValueKind.Int, "the number of copies");
        if (comprehension.Value is ParenthesizedSyntax { Inner: not (CallSyntax or NameSyntax) } body && !IsNumberSyntax(body.Inner))
            return Unroll(body, count, comprehension.Count.Range, index, input, comprehension.Range);
        var lowered = WithIndex(index, new IndexScalar(index, comprehension.IndexRange), () => Lower(comprehension.Value, input));
        if (lowered is LoweredError || count is null) return new LoweredError(comprehension.Range);
        if (lowered is not LoweredLayer layer)
        {
            Report(DiagnosticCatalog.WrongType, comprehension.Value.Range,
                $"'for {index} in' repeats one op or block call, B({index}) for {index} in n, or a pipeline in parentheses, (a |> b) for {index} in 3; this is {Kind(lowered).Describe()}");
            return new LoweredError(comprehension.Range);
        }
        if (layer.Condition is { } condition && condition.Contains(s => s is IndexScalar))
        {
            Report(DiagnosticCatalog.WrongType, condition.Range,
                $"the condition of a repeated layer cannot read the copy index '{index}': all copies exist or none; pass {index} to a block whose layer has the condition");
            return new LoweredError(comprehension.Range);
        }
        return Repeat(layer with { ArgumentsReadIndex = layer.Call.Arguments.Any(a => a.Value.Contains(s => s is IndexScalar)) }, count, comprehension.Range);
    }

    /// <summary>Lowers with <paramref name="name"/> standing for <paramref name="index"/> (it hides a parameter or value of that name meanwhile).</summary>
    private T WithIndex<T>(string name, Scalar index, Func<T> lower)
    {
        _names.TryGetValue(name, out var previous);
        _names[name] = new Binding(null, -1, index.Range, isInput: false) { Scalar = index, Used = true };
        _numberNames.Add(name);
        try
        {
            return lower();
        }
        finally
        {
            _numberNames.RemoveAt(_numberNames.Count - 1);
            if (previous is null) _names.Remove(name);
            else _names[name] = previous;
        }
    }

    private string Text(TextRange range) => _source.Text.Substring(range.Start, range.Length);

    /// <summary>Source text on one line, each run of blanks one space (a summary row).</summary>
    private static string Flat(string text) => string.Join(" ", text.Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries));

    private static long? Constant(Scalar scalar)
    {
        try
        {
            return ScalarEvaluator.Evaluate(scalar, ConstantsOnly.Instance).Int;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ScalarEvaluationException)
        {
            return null;
        }
    }

    /// <summary>Evaluation without parameter values or shapes: a scalar that needs either is not a constant.</summary>
    private sealed class ConstantsOnly : IScalarScope
    {
        public static readonly ConstantsOnly Instance = new();

        public ScalarValue Parameter(string name) => throw new InvalidOperationException();

        public Shape? Shape(int value, bool outer) => null;
    }

    private Lowered Repeat(LoweredLayer layer, Scalar count, TextRange range)
    {
        if (count.Kind != ValueKind.Int)
        {
            Report(DiagnosticCatalog.WrongType, count.Range, $"a layer repeats an integer number of times, not {count.Kind.Describe()}");
            return new LoweredError(range);
        }
        if (layer.Repeat is not null || layer.Call.Merge is not null || (layer.Call.Block?.InputCount ?? 1) != 1)
        {
            Report(DiagnosticCatalog.WrongType, range, $"'{layer.Call.Text}' cannot be repeated: only a one-input op or block repeats ('B(64) * 3')");
            return new LoweredError(range);
        }
        return layer with { Repeat = count, Range = range };
    }

    private Lowered Arithmetic(BinarySyntax binary, Scalar left, Scalar right)
    {
        var op = binary.Operator;
        bool IsNumber(Scalar s) => s.Kind is ValueKind.Int or ValueKind.Float;
        switch (op)
        {
            case BinaryOperator.And:
            case BinaryOperator.Or:
                if (left.Kind == ValueKind.Bool && right.Kind == ValueKind.Bool)
                    return new LoweredScalar(new BinaryScalar(op, left, right, ValueKind.Bool, binary.OperatorRange, binary.Range));
                break;
            case BinaryOperator.Equal:
            case BinaryOperator.NotEqual:
                if (left.Kind == right.Kind || (IsNumber(left) && IsNumber(right)))
                    return new LoweredScalar(new BinaryScalar(op, Promote(left, right), Promote(right, left), ValueKind.Bool, binary.OperatorRange, binary.Range));
                break;
            case BinaryOperator.Less:
            case BinaryOperator.LessOrEqual:
            case BinaryOperator.Greater:
            case BinaryOperator.GreaterOrEqual:
                if (IsNumber(left) && IsNumber(right))
                    return new LoweredScalar(new BinaryScalar(op, Promote(left, right), Promote(right, left), ValueKind.Bool, binary.OperatorRange, binary.Range));
                break;
            default:
                if (IsNumber(left) && IsNumber(right))
                {
                    var type = left.Kind == ValueKind.Float || right.Kind == ValueKind.Float ? ValueKind.Float : ValueKind.Int;
                    return new LoweredScalar(new BinaryScalar(op, Promote(left, right), Promote(right, left), type, binary.OperatorRange, binary.Range));
                }
                break;
        }
        Report(DiagnosticCatalog.WrongType, binary.OperatorRange, $"'{Operator(op)}' cannot combine {left.Kind.Describe()} and {right.Kind.Describe()}");
        return new LoweredError(binary.Range);
    }

    private static Scalar Promote(Scalar value, Scalar other) =>
        value.Kind == ValueKind.Int && other.Kind == ValueKind.Float ? new ToFloatScalar(value) : value;

    private Lowered LowerLabeled(LabeledSyntax labeled, Lowered? input)
    {
        if (labeled.Template is not null || (!labeled.Quoted && labeled.Label.EndsWith("*", StringComparison.Ordinal))) return LowerCopiesLabel(labeled, input);
        var inner = labeled.Value is ParenthesizedSyntax parenthesized ? parenthesized.Inner : labeled.Value;
        switch (inner)
        {
            case GroupSyntax group:
                return LowerGroup(group.Body, null, input, labeled.Label, labeled.LabelRange, null, labeled.Range);
            case ParallelSyntax parallel:
                var count = ExpectScalar(Lower(parallel.Count, null), ValueKind.Int, "the number of parallel copies");
                return LowerGroup(parallel.Body, count, input, labeled.Label, labeled.LabelRange, null, labeled.Range);
            case ConditionalSyntax conditional:
                return LowerConditional(conditional, input, labeled.Label, labeled.LabelRange);
        }
        if (labeled.Value is ParenthesizedSyntax)
        {
            // label: (a |> b) names a group of the layers inside.
            return LowerGroup(SingleStatement(inner, labeled.Value.Range), null, input, labeled.Label, labeled.LabelRange, null, labeled.Range);
        }
        var lowered = Lower(inner, input);
        if (lowered is LoweredLayer layer) return layer with { Label = labeled.Label, LabelRange = labeled.LabelRange };
        if (lowered is not LoweredError)
        {
            Report(DiagnosticCatalog.WrongType, labeled.LabelRange,
                $"the label '{labeled.Label}' names nothing: only an op, a block, a repetition or a group creates a child{(inner is CallSyntax ? "; a named argument belongs inside an op's parentheses" : "")}");
            // A labelled value stays usable (add(a: x, y) still merges); a labelled number is an error already reported.
            if (lowered is LoweredScalar) return new LoweredError(labeled.Range);
        }
        return lowered;
    }

    /// <summary>
    /// A label that names the copies of a repetition as children of the enclosing scope: a template
    /// (<c>"layer_{i}": B() * 3</c>, <c>{i}</c> the copy's 0-based index, or the comprehension's own name), <c>name*</c>
    /// (<c>"name{i + 1}"</c>) or <c>*</c> (the scope's next indexes).
    /// </summary>
    private Lowered LowerCopiesLabel(LabeledSyntax labeled, Lowered? input)
    {
        var value = labeled.Value is ParenthesizedSyntax { Inner: ComprehensionSyntax inner } ? inner : labeled.Value;
        var continues = !labeled.Quoted && labeled.Label == "*";
        LabelTemplate? template = null;
        if (!continues)
        {
            template = labeled.Template is { } parts
                ? LowerTemplate(parts, value is ComprehensionSyntax comprehension ? comprehension.Index : "i", labeled.LabelRange)
                : new LabelTemplate(new[]
                {
                    new LabelPart(labeled.Label.Substring(0, labeled.Label.Length - 1), null),
                    new LabelPart(null, new BinaryScalar(BinaryOperator.Add, new IndexScalar("i", labeled.LabelRange), new ConstantScalar(ScalarValue.OfInt(1), labeled.LabelRange), ValueKind.Int, labeled.LabelRange, labeled.LabelRange)),
                }.ToEquatableArray());
        }
        var lowered = Lower(value, input);
        if (lowered is LoweredLayer { Repeat: not null } repeated)
        {
            if (!continues && template is null) return new LoweredError(labeled.Range);
            return repeated with { Label = labeled.Label, LabelRange = labeled.LabelRange, Template = template, ContinuesIndexes = continues };
        }
        if (lowered is not LoweredError)
        {
            var example = labeled.Quoted ? $"\"{labeled.Label}\"" : labeled.Label;
            Report(DiagnosticCatalog.WrongType, labeled.LabelRange, $"'{labeled.Label}' names the copies of a repetition, e.g. {example}: DenseLayer(32) * 6; here it labels no repetition");
        }
        return lowered is LoweredLayer plain ? plain : lowered;
    }

    /// <summary>A template label's parts: literal text, and integer expressions of <paramref name="index"/> and the parameters.</summary>
    private LabelTemplate? LowerTemplate(EquatableArray<LabelPartSyntax> parts, string index, TextRange range)
    {
        var lowered = new List<LabelPart>();
        var failed = false;
        WithIndex(index, new IndexScalar(index, range), () =>
        {
            foreach (var part in parts)
            {
                if (part.Expression is null)
                {
                    lowered.Add(new LabelPart(part.Text, null));
                    continue;
                }
                var value = ExpectScalar(Lower(part.Expression, null), ValueKind.Int, $"'{{{Text(part.Expression.Range)}}}' in a label");
                if (value is null) failed = true;
                else lowered.Add(new LabelPart(null, value));
            }
            return lowered;
        });
        return failed ? null : new LabelTemplate(lowered.ToEquatableArray());
    }

    private static BodySyntax SingleStatement(ExpressionSyntax expression, TextRange range) =>
        new(new Collections.EquatableArray<StatementSyntax>(new StatementSyntax[] { new ExpressionStatementSyntax(expression, expression.Range) }), range);

    private Lowered LowerConditional(ConditionalSyntax conditional, Lowered? input, string? label, TextRange labelRange)
    {
        var condition = ExpectScalar(Lower(conditional.Condition, null), ValueKind.Bool, "a condition");
        if (conditional.Else is { } otherwise)
        {
            if (label is not null) Report(DiagnosticCatalog.WrongType, labelRange, $"the label '{label}' names nothing: label the layers inside each branch of 'if ... else'");
            if (condition is null) return new LoweredError(conditional.Range);
            return LowerSelect(conditional, otherwise, condition, input);
        }
        var inner = conditional.Value is ParenthesizedSyntax p ? p.Inner : conditional.Value;
        if (inner is GroupSyntax group) return LowerGroup(group.Body, null, input, label, labelRange, condition, conditional.Range);
        if (conditional.Value is ParenthesizedSyntax && inner is not (CallSyntax or NameSyntax or BinarySyntax { Operator: BinaryOperator.Multiply }))
        {
            // (a |> b) if c: the layers inside form one optional group.
            return LowerGroup(SingleStatement(inner, conditional.Value.Range), null, input, label, labelRange, condition, conditional.Range);
        }
        var lowered = Lower(inner, input);
        if (lowered is LoweredLayer layer)
        {
            if (layer.Call.Merge is not null || (layer.Call.Block?.InputCount ?? 1) != 1)
            {
                Report(DiagnosticCatalog.WrongType, conditional.Value.Range, $"'{layer.Call.Text}' cannot be conditional: only one-input layers can be left out");
                return new LoweredError(conditional.Range);
            }
            return layer with { Label = label ?? layer.Label, LabelRange = label is null ? layer.LabelRange : labelRange, Condition = condition, Range = conditional.Range };
        }
        if (lowered is not LoweredError)
            Report(DiagnosticCatalog.WrongType, conditional.Value.Range, "only a layer (an op, a block or a group) can be conditional with 'if'");
        return new LoweredError(conditional.Range);
    }

    /// <summary>
    /// <c>a if c else b</c>: both branches are lowered, each guarded by its condition; a select picks the value. Of two
    /// numbers (or bools) it is a number that depends on the condition, evaluated like any other.
    /// </summary>
    private Lowered LowerSelect(ConditionalSyntax conditional, ExpressionSyntax otherwise, Scalar condition, Lowered? input)
    {
        var saved = _guard;
        _guard = Guarded(condition);
        var first = Lower(conditional.Value, input);
        if (first is LoweredScalar number)
        {
            _guard = saved;
            return LowerNumberSelect(conditional, number.Scalar, Lower(otherwise, input), condition);
        }
        var whenTrue = ToValues(first, input, conditional.Value.Range);
        _guard = saved is null
            ? new UnaryScalar(UnaryOperator.Not, condition, ValueKind.Bool, condition.Range)
            : new BinaryScalar(BinaryOperator.And, saved, new UnaryScalar(UnaryOperator.Not, condition, ValueKind.Bool, condition.Range), ValueKind.Bool, condition.Range, condition.Range);
        var whenFalse = ToValues(Lower(otherwise, input), input, otherwise.Range);
        _guard = saved;
        if (whenTrue is not LoweredValues { Ids.Count: 1 } a || whenFalse is not LoweredValues { Ids.Count: 1 } b)
        {
            if (whenTrue is not LoweredError && whenFalse is not LoweredError)
                Report(DiagnosticCatalog.WrongType, conditional.Range, "both branches of 'if ... else' must be one tensor each");
            return new LoweredError(conditional.Range);
        }
        var result = _scope.NewValue(ValueKind.Tensor, null, conditional.Range);
        _scope.Instructions.Add(new SelectInstruction(result, condition, a.Ids[0], b.Ids[0], conditional.Range));
        return new LoweredValues(new[] { result }, conditional.Range);
    }

    private Lowered LowerNumberSelect(ConditionalSyntax conditional, Scalar whenTrue, Lowered otherwise, Scalar condition)
    {
        if (otherwise is LoweredError) return otherwise;
        bool IsNumber(ValueKind kind) => kind is ValueKind.Int or ValueKind.Float;
        if (otherwise is LoweredScalar { Scalar: var whenFalse }
            && (whenTrue.Kind == whenFalse.Kind ? whenTrue.Kind is ValueKind.Int or ValueKind.Float or ValueKind.Bool : IsNumber(whenTrue.Kind) && IsNumber(whenFalse.Kind)))
        {
            var type = whenTrue.Kind == whenFalse.Kind ? whenTrue.Kind : ValueKind.Float;
            return new LoweredScalar(new ConditionalScalar(condition, Promote(whenTrue, whenFalse), Promote(whenFalse, whenTrue), type, conditional.Range));
        }
        Report(DiagnosticCatalog.WrongType, conditional.Else!.Range,
            $"both branches of 'if ... else' must be numbers, or both bools, or both tensors; the first is {whenTrue.Kind.Describe()}, this one {Kind(otherwise).Describe()}");
        return new LoweredError(conditional.Range);
    }

    private Lowered LowerGroup(BodySyntax body, Scalar? count, Lowered? input, string? label, TextRange labelRange, Scalar? condition, TextRange range)
    {
        // After an earlier failure the group's input is unknown: its body is still read for its own errors, and dropped.
        var detached = input is LoweredError;
        if (!detached && (input is not LoweredValues { Ids.Count: 1 } || _scope.Values[((LoweredValues)input!).Ids[0]].Kind != ValueKind.Tensor))
        {
            Report(DiagnosticCatalog.WrongInputCount, range, "a group takes exactly one tensor as input");
            return new LoweredError(range);
        }
        var name = label ?? (count is null ? "group" : "parallel");
        var child = new Scope(name, count is null ? ScopeKind.Group : ScopeKind.Parallel, _source, _scope);
        var childInput = child.NewValue(ValueKind.Tensor, "input", range);
        child.Inputs.Add(childInput);
        var savedScope = _scope;
        var savedNames = _names;
        var savedNumberNames = _numberNames;
        var savedLabels = _labels;
        _outerNames.Add(savedNames);
        _scope = child;
        _labels = new HashSet<string>();
        // The group sees the parameters, then the named numbers, of the scope around it.
        _names = new Dictionary<string, Binding>();
        _numberNames = new List<string>();
        foreach (var number in savedNumberNames)
        {
            if (savedNames[number] is not { Parameter: not null } parameter) continue;
            _names[number] = parameter;
            _numberNames.Add(number);
        }
        foreach (var number in savedNumberNames)
        {
            if (savedNames[number] is not { Scalar: { } scalar } named) continue;
            // A named number seen from a group: its sizes are those of values outside the group.
            if (savedScope == _root || scalar.Dimensions().All(d => d.Outer))
            {
                named.Used = true;
                _names[number] = new Binding(null, -1, named.Range, isInput: false) { Scalar = scalar.WithDimensions(d => d with { Outer = true }), Used = true };
                _numberNames.Add(number);
            }
        }
        _names["input"] = new Binding(null, childInput, range, isInput: true);
        LowerBody(body, new LoweredValues(new[] { childInput }, range));
        _scope = savedScope;
        _names = savedNames;
        _numberNames = savedNumberNames;
        _labels = savedLabels;
        _outerNames.RemoveAt(_outerNames.Count - 1);
        CheckLabel(label, labelRange);
        if (detached) return new LoweredError(range);
        var values = (LoweredValues)input!;
        var result = _scope.NewValue(count is null ? ValueKind.Tensor : ValueKind.Tensors, null, range);
        if (count is not null && _guard is not null)
        {
            Report(DiagnosticCatalog.WrongType, range, "'parallel' cannot appear inside a branch of 'if ... else'; put the branch in a block");
            return new LoweredError(range);
        }
        _scope.Instructions.Add(new GroupInstruction(result, child, values.Ids[0], label, labelRange, Guarded(condition), count, range));
        return new LoweredValues(new[] { result }, range);
    }

    private Lowered LowerCall(CallSyntax call, Lowered? input)
    {
        if (NumberFunctions.IsName(call.Name))
        {
            var number = NumberFunctions.Lower(call, LowerNumber, Report);
            return number is null ? new LoweredError(call.Range) : new LoweredScalar(number);
        }
        if (MergeNames.Contains(call.Name))
        {
            var kind = (MergeKind)Array.IndexOf(MergeNames, call.Name);
            if (call.Arguments.Count == 0)
                return new LoweredLayer(new LayerCall(null, null, kind, Array.Empty<(string, Scalar)>(), call.Name, call.NameRange, call.Range), null, default, null, null, call.Range);
            var ids = new List<int>();
            Scalar? axis = null;
            var failed = false;
            foreach (var argument in call.Arguments)
            {
                if (kind == MergeKind.Concat && argument is LabeledSyntax { Label: "dim" } dim)
                {
                    // concat(a, b, dim: 1): the axis to join, not a child labelled 'dim'.
                    axis = ExpectScalar(Lower(dim.Value, null), ValueKind.Int, "'dim' of concat (the axis to join)");
                    if (axis is null) return new LoweredError(call.Range);
                    continue;
                }
                if (ToValues(Lower(argument, input), input, argument.Range) is LoweredValues values) ids.AddRange(values.Ids);
                else failed = true;
            }
            return failed ? new LoweredError(call.Range) : Merge(kind, ids, call.NameRange, axis);
        }
        if (LearnedTensorOp.Find(call.Name) is { } learned) return LearnedTensorOutsideBinding(call, learned);
        if (call.Name == DeclaredLayerName && !_blocks.ContainsKey(call.Name)) return DeclaredLayerOutsideBinding(call);
        if (OpCatalog.Find(call.Name) is { } op) return LowerOpCallOrFunction(call, op);
        if (_blocks.TryGetValue(call.Name, out var block)) return LowerBlockCall(call, block);
        ReportUnknown(call.Name, call.NameRange);
        return new LoweredError(call.Range);
    }

    /// <summary>
    /// An op written as a call: its function form when the first argument is a tensor (<c>relu6(x + 3)</c>,
    /// <c>softmax(x, -1)</c>), else the op with its arguments, a layer to apply as a child.
    /// </summary>
    private Lowered LowerOpCallOrFunction(CallSyntax call, OpDefinition op)
    {
        if ((op.Forms & OpForms.Function) != 0 && call.Arguments.Count > 0 && call.Arguments[0] is not LabeledSyntax)
        {
            var first = Lower(call.Arguments[0], null);
            if (first is LoweredError) return first;
            if (first is LoweredValues values)
            {
                var rest = new CallSyntax(call.Name, call.NameRange, call.Arguments.Skip(1).ToEquatableArray(), call.Range);
                return LowerOpCall(rest, op, null) is LoweredLayer layer ? ApplyFunction(layer.Call, values, call.Range) : new LoweredError(call.Range);
            }
        }
        if ((op.Forms & OpForms.Child) == 0)
        {
            Report(DiagnosticCatalog.WrongType, call.NameRange,
                $"'{op.Name}' is a function of a tensor, not a layer: write it as a method, x.{op.Name}(...), or as a stage on the current value, |> .{op.Name}(...)");
            return new LoweredError(call.Range);
        }
        return LowerOpCall(call, op, null);
    }

    /// <param name="text">The layer's text in summaries and comments; by default the call as written.</param>
    private Lowered LowerOpCall(CallSyntax call, OpDefinition op, string? text)
    {
        call = GatherVariadic(call, op);
        var given = MatchArguments(call, op.ArgumentNames, "op", op.Name);
        if (given is null) return new LoweredError(call.Range);
        var arguments = new List<(string, Scalar)>(op.Arguments.Count);
        var failed = false;
        for (var i = 0; i < op.Arguments.Count; i++)
        {
            var spec = op.Arguments[i];
            if (given[i] is { } syntax)
            {
                var scalar = LowerArgument(spec, syntax, op.Name);
                if (scalar is null) failed = true;
                else arguments.Add((spec.Name, scalar));
            }
            else if (spec.Default is { } value) arguments.Add((spec.Name, new ConstantScalar(value, call.Range)));
            else if (spec.DefaultFrom is { } from)
            {
                var source = arguments.FirstOrDefault(a => a.Item1 == from);
                if (source.Item2 is not null) arguments.Add((spec.Name, source.Item2));
            }
            else if (spec.Required)
            {
                Report(DiagnosticCatalog.MissingArgument, call.Range,
                    $"op '{op.Name}' needs the argument '{spec.Name}'; its arguments are {Signature(op)}");
                failed = true;
            }
        }
        if (failed) return new LoweredError(call.Range);
        text ??= _source.Text.Substring(call.Range.Start, call.Range.Length);
        var written = op.Arguments.Where((_, i) => given[i] is not null).Select(a => a.Name).ToArray();
        var byPosition = call.Arguments.TakeWhile(a => a is not LabeledSyntax).Count();
        var layerCall = new LayerCall(op, null, null, arguments, text, call.NameRange, call.Range) { Written = written, WrittenByPosition = byPosition };
        return new LoweredLayer(layerCall, null, default, null, null, call.Range);
    }

    /// <summary>
    /// The positional arguments from a variadic argument's position on, as one tuple: <c>permute(1, 2, 0)</c> gives
    /// <c>dims</c> the list (1, 2, 0). One argument there is left as it is (an integer, or already a tuple).
    /// </summary>
    private static CallSyntax GatherVariadic(CallSyntax call, OpDefinition op)
    {
        var position = -1;
        for (var i = 0; i < op.Arguments.Count; i++)
        {
            if (op.Arguments[i].Variadic) position = i;
        }
        if (position < 0) return call;
        var positional = call.Arguments.TakeWhile(a => a is not LabeledSyntax).ToList();
        if (positional.Count <= position + 1) return call;
        var rest = positional.Skip(position).ToList();
        var tuple = new TupleSyntax(rest.ToEquatableArray(), rest[0].Range.Cover(rest[rest.Count - 1].Range));
        var arguments = positional.Take(position).Append(tuple).Concat(call.Arguments.Skip(positional.Count));
        return call with { Arguments = arguments.ToEquatableArray() };
    }

    /// <summary>An op's arguments as messages and editors show them: <c>(filters, kernel, stride: 1, ...)</c>.</summary>
    internal static string Signature(OpDefinition op) => "(" + string.Join(", ", op.Arguments.Select(ArgumentText)) + ")";

    /// <summary>One argument in a signature: <c>filters</c>, <c>stride: 1</c>, <c>in?</c>.</summary>
    internal static string ArgumentText(ArgSpec a) => a.Required ? a.Name : a.Default is { } d ? $"{a.Name}: {d}" : a.DefaultFrom is { } f ? $"{a.Name}: {f}" : $"{a.Name}?";

    private Scalar? LowerArgument(ArgSpec spec, ExpressionSyntax syntax, string op)
    {
        if (spec.Type == ArgType.Reference) return LowerReference(spec, syntax, op);
        var lowered = Lower(syntax, null);
        if (lowered is LoweredError) return null;
        switch (spec.Type)
        {
            case ArgType.Int:
                return ExpectScalar(lowered, ValueKind.Int, Purpose.ArgumentOf(spec.Name, op));
            case ArgType.Float:
                return ExpectScalar(lowered, ValueKind.Float, Purpose.ArgumentOf(spec.Name, op));
            case ArgType.Bool:
                return ExpectScalar(lowered, ValueKind.Bool, Purpose.ArgumentOf(spec.Name, op));
            case ArgType.Pair:
                return ExpectPair(lowered, Purpose.ArgumentOf(spec.Name, op), allowSymbol: false);
            case ArgType.Ints:
                return ExpectInts(lowered, Purpose.ArgumentOf(spec.Name, op));
            case ArgType.Word:
                return ExpectWord(lowered, spec.Words, Purpose.ArgumentOf(spec.Name, op));
            default:
                return ExpectPair(lowered, Purpose.ArgumentOf(spec.Name, op), allowSymbol: true);
        }
    }

    /// <summary>
    /// What a value is for, in type errors ("a condition", "'kernel' of conv"). An argument's is formatted only when an
    /// error is reported: every argument of every layer passes through a check that almost always succeeds.
    /// </summary>
    private readonly struct Purpose
    {
        private readonly string _text;
        private readonly string? _owner;

        private Purpose(string text, string? owner)
        {
            _text = text;
            _owner = owner;
        }

        public static implicit operator Purpose(string text) => new(text, null);

        public static Purpose ArgumentOf(string argument, string owner) => new(argument, owner);

        public override string ToString() => _owner is null ? _text : $"'{_text}' of {_owner}";
    }

    /// <summary>An int or a float (an argument of max, round, ...), or null after reporting what it is instead.</summary>
    private Scalar? LowerNumber(ExpressionSyntax syntax, string what)
    {
        var lowered = Lower(syntax, null);
        if (lowered is LoweredError) return null;
        if (lowered is LoweredScalar { Scalar: { Kind: ValueKind.Int or ValueKind.Float } number }) return number;
        Report(DiagnosticCatalog.WrongType, lowered.Range, $"{what} must be a number, not {Kind(lowered).Describe()}");
        return null;
    }

    private Scalar? ExpectPair(Lowered lowered, Purpose what, bool allowSymbol)
    {
        if (lowered is LoweredTuple { Items.Count: 2 } tuple)
        {
            var first = ExpectScalar(tuple.Items[0], ValueKind.Int, what);
            var second = ExpectScalar(tuple.Items[1], ValueKind.Int, what);
            return first is null || second is null ? null : new PairScalar(first, second, tuple.Range);
        }
        if (lowered is LoweredScalar { Scalar: { Kind: ValueKind.Int or ValueKind.Pair } scalar }) return scalar;
        if (allowSymbol && lowered is LoweredScalar { Scalar: ConstantScalar { Kind: ValueKind.Symbol } symbol } && OpCatalog.PaddingWords.Contains(symbol.Value.Symbol!)) return symbol;
        Report(DiagnosticCatalog.WrongType, lowered.Range,
            $"{what} must be an integer or a pair (h, w){(allowSymbol ? ", same or valid" : "")}, not {Kind(lowered).Describe()}");
        return null;
    }

    /// <summary>One of an argument's words, written bare: <c>mode: row</c>.</summary>
    private Scalar? ExpectWord(Lowered lowered, Collections.EquatableArray<string> words, Purpose what)
    {
        if (lowered is LoweredScalar { Scalar: ConstantScalar { Kind: ValueKind.Symbol } word } && words.Contains(word.Value.Symbol!)) return word;
        Report(DiagnosticCatalog.WrongType, lowered.Range, $"{what} must be one of {string.Join(", ", words)}, not {DescribeWord(lowered)}");
        return null;
    }

    private string DescribeWord(Lowered lowered) =>
        lowered is LoweredScalar { Scalar: ConstantScalar { Kind: ValueKind.Symbol } other } ? $"'{other.Value.Symbol}'" : Kind(lowered).Describe();

    /// <summary>A list of integers: one integer, or a tuple of them.</summary>
    private Scalar? ExpectInts(Lowered lowered, Purpose what)
    {
        if (lowered is LoweredTuple { Items.Count: > 0 } tuple)
        {
            var items = new Scalar[tuple.Items.Count];
            for (var i = 0; i < items.Length; i++)
            {
                if (ExpectScalar(tuple.Items[i], ValueKind.Int, what) is not { } item) return null;
                items[i] = item;
            }
            return new ListScalar(new Collections.EquatableArray<Scalar>(items), tuple.Range);
        }
        if (lowered is LoweredScalar { Scalar: { Kind: ValueKind.Int } scalar }) return new ListScalar(new Collections.EquatableArray<Scalar>(new[] { scalar }), scalar.Range);
        Report(DiagnosticCatalog.WrongType, lowered.Range, $"{what} must be integers, one or several (1, 2, 0), not {Kind(lowered).Describe()}");
        return null;
    }

    private Scalar? ExpectScalar(Lowered lowered, ValueKind expected, Purpose what)
    {
        if (lowered is LoweredError) return null;
        if (lowered is LoweredScalar { Scalar: var scalar })
        {
            // Error: any number or bool (a parameter's default, which gives the parameter its type), not a word or a pair.
            if (expected == ValueKind.Error ? scalar.Kind is ValueKind.Int or ValueKind.Float or ValueKind.Bool : scalar.Kind == expected) return scalar;
            if (expected == ValueKind.Float && scalar.Kind == ValueKind.Int) return new ToFloatScalar(scalar);
        }
        Report(DiagnosticCatalog.WrongType, lowered.Range,
            $"{what} must be {(expected == ValueKind.Error ? "a number or a bool" : expected.Describe())}, not {Kind(lowered).Describe()}");
        return null;
    }

    private Lowered LowerBlockCall(CallSyntax call, BlockInfo block)
    {
        CalledBlocks.Add(block.Name);
        var parameters = LowerSignature(block.Syntax, block.Source, _blocks, null);
        var given = MatchArguments(call, parameters.Select(p => p.Name).ToList(), "block", block.Name);
        if (given is null) return new LoweredError(call.Range);
        var arguments = new List<(string, Scalar)>(parameters.Count);
        var owner = $"block '{block.Name}'";
        var failed = false;
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            if (given[i] is { } syntax)
            {
                var scalar = ExpectScalar(Lower(syntax, null), parameter.Type, Purpose.ArgumentOf(parameter.Name, owner));
                if (scalar is null) failed = true;
                else arguments.Add((parameter.Name, scalar));
            }
            else if (parameter.Default is null)
            {
                Report(DiagnosticCatalog.MissingArgument, call.Range,
                    $"block '{block.Name}' needs the argument '{parameter.Name}'; its parameters are ({string.Join(", ", block.Syntax.Parameters.Select(p => p.Name))})");
                failed = true;
            }
        }
        if (failed) return new LoweredError(call.Range);
        var text = _source.Text.Substring(call.Range.Start, call.Range.Length);
        return new LoweredLayer(new LayerCall(null, block, null, arguments, text, call.NameRange, call.Range), null, default, null, null, call.Range);
    }

    /// <summary>
    /// Positional arguments fill names in order; <c>name: value</c> arguments fill by name. The result holds the
    /// expression given for each of <paramref name="names"/>, in their order (null for one not given).
    /// </summary>
    /// <param name="kind">"op" or "block", with <paramref name="owner"/> its name: messages only.</param>
    private ExpressionSyntax?[]? MatchArguments(CallSyntax call, IReadOnlyList<string> names, string kind, string owner)
    {
        string What() => $"{kind} '{owner}'";
        var given = new ExpressionSyntax?[names.Count];
        var givenCount = 0;
        var position = 0;
        var ok = true;
        foreach (var argument in call.Arguments)
        {
            if (argument is LabeledSyntax named)
            {
                if (named.Quoted)
                {
                    Report(DiagnosticCatalog.UnknownArgument, named.LabelRange, $"a named argument is written bare, {named.Label}: ...; quotes are for labels");
                    ok = false;
                    continue;
                }
                var index = IndexOf(names, named.Label);
                if (index < 0)
                {
                    var suggestion = Suggestions.Closest(named.Label, names);
                    Report(DiagnosticCatalog.UnknownArgument, named.LabelRange,
                        $"{What()} has no argument '{named.Label}'{(suggestion is null ? "" : $"; did you mean '{suggestion}'?")} (arguments: {string.Join(", ", names)})");
                    ok = false;
                }
                else if (given[index] is not null)
                {
                    Report(DiagnosticCatalog.DuplicateArgument, named.LabelRange, $"'{named.Label}' is given twice to {What()}; keep one");
                    ok = false;
                }
                else
                {
                    given[index] = named.Value;
                    givenCount++;
                }
                continue;
            }
            if (givenCount > position)
            {
                Report(DiagnosticCatalog.WrongType, argument.Range, $"a positional argument cannot follow named ones in {What()}; name it");
                ok = false;
                continue;
            }
            if (position >= names.Count)
            {
                Report(DiagnosticCatalog.TooManyArguments, argument.Range, $"{What()} takes at most {names.Count} argument{(names.Count == 1 ? "" : "s")} ({string.Join(", ", names)})");
                ok = false;
                break;
            }
            given[position++] = argument;
            givenCount++;
        }
        return ok ? given : null;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name) return i;
        }
        return -1;
    }

    /// <summary>Applies a layer to the implicit input when a value is needed; splits tuples of values.</summary>
    private Lowered ToValues(Lowered lowered, Lowered? input, TextRange range)
    {
        switch (lowered)
        {
            case LoweredValues:
            case LoweredError:
                return lowered;
            case LoweredLayer layer:
                return Apply(layer, input);
            case LoweredTuple { Items.Count: 0 } empty:
                Report(DiagnosticCatalog.WrongType, empty.Range, "'()' holds no value; write a tensor, or several in parentheses: (a, b)");
                return new LoweredError(empty.Range);
            case LoweredTuple tuple:
            {
                var ids = new List<int>();
                var failed = false;
                foreach (var item in tuple.Items)
                {
                    var value = ToValues(item, input, item.Range);
                    if (value is LoweredValues values) ids.AddRange(values.Ids);
                    else
                    {
                        if (value is not LoweredError) Report(DiagnosticCatalog.WrongType, item.Range, $"a tuple of values holds tensors, not {Kind(value).Describe()}");
                        failed = true;
                    }
                }
                return failed ? new LoweredError(tuple.Range) : new LoweredValues(ids, tuple.Range);
            }
            default:
                Report(DiagnosticCatalog.WrongType, range, $"expected a tensor or a layer here, not {Kind(lowered).Describe()}");
                return new LoweredError(range);
        }
    }

    private Lowered Apply(LoweredLayer layer, Lowered? input)
    {
        if (input is not LoweredValues values)
        {
            if (input is null) Report(DiagnosticCatalog.WrongType, layer.Range, $"'{layer.Call.Text}' is a layer, but a number is expected here");
            return new LoweredError(layer.Range);
        }
        if (layer.Call.Merge is { } merge) return Merge(merge, values.Ids.ToList(), layer.Call.NameRange);
        if (layer.Call.Op is { MaxInputs: > 1 } several) return ApplySeveral(layer, values, several);
        var expected = layer.Call.Block?.InputCount ?? 1;
        if (values.Ids.Count != expected || !AllTensors(values.Ids))
        {
            var got = values.Ids.Count == 1 && _scope.Values[values.Ids[0]].Kind == ValueKind.Tensors ? "several tensors (from parallel)" : $"{values.Ids.Count} value{(values.Ids.Count == 1 ? "" : "s")}";
            Report(DiagnosticCatalog.WrongInputCount, layer.Call.NameRange,
                $"'{layer.Call.Name}' takes {expected} input{(expected == 1 ? "" : "s")} but receives {got}{(expected == 1 ? "; merge them first with concat, add or mul" : $"; pipe a tuple into it: ({string.Join(", ", Enumerable.Range(1, expected).Select(i => "x" + i))}) |> {layer.Call.Name}(...)")}");
            return new LoweredError(layer.Range);
        }
        // A declared layer's label was checked where it was declared.
        if (!layer.ContinuesIndexes && layer.DeclaredAt is null) CheckLabel(layer.Label, layer.LabelRange);
        var result = _scope.NewValue(ValueKind.Tensor, null, layer.Range);
        // Lowered values never change once made, so the instruction shares their list of ids.
        _scope.Instructions.Add(new ApplyInstruction(result, layer.Call, values.Ids, layer.Label, layer.LabelRange, Guarded(layer.Condition), layer.Repeat, layer.Range)
        {
            Template = layer.Template,
            ContinuesIndexes = layer.ContinuesIndexes,
            ArgumentsReadIndex = layer.ArgumentsReadIndex,
            DeclaredAt = layer.DeclaredAt,
        });
        return new LoweredValues(new[] { result }, layer.Range);
    }

    /// <summary>Whether every value is one tensor (not the several of a parallel).</summary>
    private bool AllTensors(IReadOnlyList<int> ids)
    {
        foreach (var id in ids)
        {
            if (_scope.Values[id].Kind != ValueKind.Tensor) return false;
        }
        return true;
    }

    private Lowered Merge(MergeKind kind, List<int> ids, TextRange range, Scalar? axis = null)
    {
        var count = ids.Sum(id => _scope.Values[id].Kind == ValueKind.Tensors ? 2 : 1);
        if (count < 2)
        {
            Report(DiagnosticCatalog.WrongInputCount, range, $"{kind.ToString().ToLowerInvariant()} needs at least two values, e.g. {kind.ToString().ToLowerInvariant()}(a, b)");
            return new LoweredError(range);
        }
        var result = _scope.NewValue(ValueKind.Tensor, null, range);
        _scope.Instructions.Add(new MergeInstruction(result, kind, _scope.NameMerge(kind), ids, _guard, range) { Axis = axis });
        return new LoweredValues(new[] { result }, range);
    }

    private Scalar? Guarded(Scalar? condition)
    {
        if (_guard is null) return condition;
        if (condition is null) return _guard;
        return new BinaryScalar(BinaryOperator.And, _guard, condition, ValueKind.Bool, condition.Range, condition.Range);
    }

    private void CheckLabel(string? label, TextRange range)
    {
        if (label is null) return;
        if (!_labels.Add(label))
            Report(DiagnosticCatalog.DuplicateLabel, range, $"the label '{label}' is used twice in '{_scope.Name}'; state_dict keys must be unique, rename one");
    }

    private static ValueKind Kind(Lowered lowered) => lowered switch
    {
        LoweredScalar s => s.Scalar.Kind,
        LoweredValues v => v.Ids.Count == 1 ? ValueKind.Tensor : ValueKind.Tensors,
        LoweredLayer => ValueKind.Layer,
        LoweredTuple => ValueKind.Pair,
        _ => ValueKind.Error,
    };

    private static string Operator(BinaryOperator op) => op.Spelling();

    /// <summary>The errors this lowering reported, so a statement knows whether it failed.</summary>
    private int _errors;

    private void Report(DslDescriptor descriptor, TextRange range, string message)
    {
        if (descriptor.Severity == DslSeverity.Error) _errors++;
        _diagnostics.Report(descriptor, _source.Span(range), message);
    }
}
