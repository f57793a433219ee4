using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Catalog;
using NetDsl.Collections;
using NetDsl.Semantics;
using NetDsl.Syntax;

namespace NetDsl.Emit;

/// <summary>
/// Writes one scope (network, block, group or parallel body) as a TorchSharp module class: children as fields,
/// a constructor that re-checks every shape rule for the values it is given, and a forward pass with a shape
/// comment per line (shapes from the compile-time check, when there is one).
/// </summary>
internal sealed partial class ScopeEmitter
{
    private static readonly HashSet<string> ReservedMembers = new(GeneratedNames.NetworkMembers) { "training", "path", "input" };

    private readonly Scope _scope;
    private readonly Scope _root;
    private readonly string _className;
    private readonly IReadOnlyDictionary<string, ParameterInfo> _rootParameters;
    /// <summary>A value's shape from the compile-time check, when there is one (for the comments ending its lines).</summary>
    private readonly Func<int, Shape?> _valueShape;
    /// <summary>The nested classes to write after this one (group and parallel bodies), in order, with their names by body.</summary>
    private readonly List<(Scope Scope, string Name)> _nested = new();
    private readonly Dictionary<Scope, string> _nestedNames = new();
    private readonly HashSet<string> _nestedClassNames = new();

    /// <summary>The next number to try after a nested class's base name (GroupGroup2, GroupGroup3, ...).</summary>
    private readonly Dictionary<string, int> _nextNestedNumber = new();
    /// <summary>The field holding each child (an apply or a group instruction), by the instruction's result id.</summary>
    private readonly string?[] _fields;
    private readonly bool _dynamicNames;
    private ScopeEmitter? _inlineParent;

    /// <summary>Whether the constructor body written so far reads <c>path</c>; an inline group's layers mark their parent's.</summary>
    private bool _readsPath;

    /// <summary>Names the class already uses (members of the user's partial class): fields and nested classes get others.</summary>
    public IReadOnlyCollection<string> Taken { get; init; } = Array.Empty<string>();

    /// <summary>The network whose <c>forward</c> checks its input against <c>InputShape</c> before any layer runs; null for other scopes.</summary>
    public string? ChecksInputOf { get; init; }

    /// <summary>The record a network with several outputs returns from <c>forward</c> (<c>GoogLeNetOutput</c>); null for other scopes.</summary>
    public string? OutputRecord { get; init; }

    /// <summary>The C# expression of a value's shape inside the constructor, once <see cref="WriteMembers"/> has written it.</summary>
    public string ShapeOf(int value) => Shapes[value];

    /// <summary>
    /// Whether forward follows the scope's <see cref="MemoryPlan"/>: ops in place where that is exact, values released at
    /// their last use (<see cref="Compiler.CompileOptions.ReuseMemory"/>); else every op out of place and every value left
    /// to the caller's dispose scope.
    /// </summary>
    public bool ReuseMemory { get; init; }

    private MemoryPlan? Plan => ReuseMemory ? _plan ??= MemoryPlan.Of(_scope) : null;

    private MemoryPlan? _plan;

    /// <summary>The conv and batch-norm pairs of the scope that FuseForInference folds (<see cref="BatchNormFolding"/>).</summary>
    private BatchNormFolding Folding => _folding ??= BatchNormFolding.Of(_scope);

    private BatchNormFolding? _folding;

    /// <summary>The C# variable or field holding the module of a folding conv, by its result id, once written.</summary>
    private readonly Dictionary<int, string> _foldingConvs = new();

    /// <summary>The position of each instruction in the scope, by its result id (the plan is by position).</summary>
    private readonly int[] _position;

    /// <summary>
    /// The field keeping a number that <c>forward</c> needs and that depends on parameters (arithmetic with a parameter,
    /// a concat axis), by the instruction's result id; null where the number is a constant, written inline.
    /// </summary>
    private readonly string?[] _numberFields;

    public ScopeEmitter(Scope scope, Scope root, string className, Func<int, Shape?> valueShape)
    {
        _scope = scope;
        _root = root;
        _className = className;
        _rootParameters = root.Parameters.ToDictionary(p => p.Name);
        _valueShape = valueShape;
        _dynamicNames = scope.HasDynamicNames;
        Shapes = new string[scope.Values.Count];
        _fields = new string?[scope.Values.Count];
        _numberFields = new string?[scope.Values.Count];
        _position = new int[scope.Values.Count];
        for (var i = 0; i < scope.Instructions.Count; i++) _position[scope.Instructions[i].Result] = i;
    }

    /// <summary>The value <paramref name="instruction"/> overwrites in place, or -1 (always -1 without <see cref="ReuseMemory"/>).</summary>
    private int Overwritten(Instruction instruction) => Plan?.Overwritten(_position[instruction.Result]) ?? -1;

    /// <summary>Whether the module of <paramref name="instruction"/> is built in its in-place form.</summary>
    private bool InPlace(Instruction instruction) => Overwritten(instruction) >= 0;

    /// <summary>The C# name of a parameter's value inside constructors (a computed default lives in a local).</summary>
    public static string ParameterName(ParameterInfo parameter) =>
        parameter.Default is not null && parameter.Default is not ConstantScalar && !(parameter.Default is ToFloatScalar { Operand: ConstantScalar })
            ? parameter.Name + "Value"
            : Safe(parameter.Name);

    /// <summary>A user's name as a C# identifier that collides with no keyword, generated member, generated local or name generated code uses (<c>nn</c>).</summary>
    public static string Safe(string name) => CSharp.Identifier(ReservedMembers.Contains(name) || GeneratedNames.IsUsed(name) || IsGeneratedLocal(name) ? name + "_" : name);

    private static readonly System.Text.RegularExpressions.Regex GeneratedLocal =
        new("^((x|s|name|count|copies|shape|branches|g)[0-9]+|next|copy|branch|i|index|outer[0-9]+|_when[0-9]+)$");

    /// <summary>Names the emitter gives its own locals (x3, s3, count3, ...): user names like these get a suffix.</summary>
    private static bool IsGeneratedLocal(string name) => GeneratedLocal.IsMatch(name);

    public static string TypeName(ValueKind kind) => kind switch
    {
        ValueKind.Float => "double",
        ValueKind.Bool => "bool",
        _ => "long",
    };

    public static string BaseType(int inputs) => "Module<" + string.Join(", ", Enumerable.Repeat("Tensor", inputs + 1)) + ">";

    /// <summary>
    /// Fields, constructor body and forward method; <paramref name="constructorHeader"/> opens the constructor and writes
    /// its prologue, told whether the body uses <c>path</c> (a network declares it only then: an unused local is a warning).
    /// </summary>
    /// <param name="constructorEnd">Writes the last lines of the constructor (after <c>OutputShape</c>), or null.</param>
    public void WriteMembers(SourceWriter w, Action<SourceWriter, bool> constructorHeader, IReadOnlyList<string> inputNames, Action<SourceWriter>? constructorEnd = null)
    {
        var hasFields = AssignFields();
        foreach (var instruction in _scope.Instructions)
        {
            if (_fields[instruction.Result] is not { } field) continue;
            if (instruction is LearnedTensorInstruction tensor)
            {
                WriteLearnedTensorFields(w, tensor, field);
                continue;
            }
            // Null when its condition is false; generated files are outside nullable analysis (FileEmitter.Header), so no '?'.
            w.Line($"private readonly {FieldType(instruction)} {field};");
        }
        foreach (var instruction in _scope.Instructions)
        {
            if (_numberFields[instruction.Result] is not { } field) continue;
            var type = instruction is ArithmeticInstruction arithmetic ? TypeName(arithmetic.Number.Kind) : "long";
            w.Line($"private readonly {type} {field};");
        }
        foreach (var instruction in _scope.Instructions.Where(i => i is SelectInstruction or MergeInstruction { Condition: not null } or FunctionInstruction { Condition: not null } or ArithmeticInstruction { Condition: not null }))
            w.Line($"private readonly bool {WhenField(instruction.Result)};");
        if (hasFields) w.Line();
        w.Line("/// <summary>The shape of one sample this module returns, for the arguments it was built with.</summary>");
        w.Line("public Shape OutputShape { get; }");
        w.Line();
        w.Line("/// <summary>Children are registered by name in the constructor; TorchSharp must not register the fields again under their field names.</summary>");
        w.Line("protected override void RegisterComponents()");
        w.Line("{");
        w.Line("}");
        w.Line();
        var body = SourceWriter.Nested(w);
        for (var i = 0; i < inputNames.Count; i++) Shapes[_scope.Inputs[i]] = inputNames[i];
        if (_dynamicNames) body.Line("var index = 0;");
        var staticIndex = 0;
        for (var i = 0; i < _scope.Instructions.Count; i++)
        {
            WriteDeclarations(body, i);
            WriteConstruction(body, _scope.Instructions[i], ref staticIndex);
        }
        body.Line($"OutputShape = {Shapes[_scope.Output]};");
        constructorEnd?.Invoke(body);
        constructorHeader(w, _readsPath);
        w.Append(body);
        w.Close();
        w.Line();
        WriteForward(w, inputNames);
        foreach (var (scope, name) in _nested)
        {
            w.Line();
            WriteNested(w, scope, name);
        }
    }

    /// <summary>The C# shape variable of each value of the scope, by value id, as the constructor defines them.</summary>
    private string[] Shapes { get; }

    /// <summary>The field holding the child labelled <paramref name="label"/> (null-forgiving when it is optional), or null.</summary>
    public string? FieldForLabel(string label)
    {
        foreach (var instruction in _scope.Instructions)
        {
            if (_fields[instruction.Result] is not { } field) continue;
            var (instructionLabel, optional) = instruction switch
            {
                ApplyInstruction apply => (apply.Label, apply.Condition is not null),
                GroupInstruction group => (group.Label, group.Condition is not null),
                _ => (null, false),
            };
            if (instructionLabel == label) return optional ? field + "!" : field;
        }
        return null;
    }

    /// <summary>
    /// Names the field of every child after its label (any label becomes an identifier); false when the scope has none.
    /// A field never takes the name of a constructor parameter, which would hide it (<c>se: ... if se</c>).
    /// </summary>
    private bool AssignFields()
    {
        var index = 0;
        var used = new HashSet<string>();
        var parameters = new HashSet<string>(_root.Parameters.SelectMany(p => new[] { Safe(p.Name), ParameterName(p) }));
        foreach (var instruction in _scope.Instructions)
        {
            string? label;
            switch (instruction)
            {
                case ApplyInstruction { IsSpliced: true } spliced: label = spliced.Template?.Prefix is { Length: > 0 } prefix ? prefix : null; break;
                case ApplyInstruction apply: label = apply.Label; break;
                case GroupInstruction group: label = group.Label; break;
                case LearnedTensorInstruction tensor: label = tensor.Name; break;
                default: continue;
            }
            var name = label is not null ? Safe(CSharp.IdentifierFor(label)) : _dynamicNames ? $"_layer{instruction.Result}" : "_" + index.ToString(CultureInfo.InvariantCulture);
            while (name.TrimStart('@') == _className || Taken.Contains(name) || parameters.Contains(name) || !used.Add(name)) name += "_";
            _fields[instruction.Result] = name;
            index++;
        }
        // A function's module (built, not registered) and the numbers forward needs that depend on parameters.
        foreach (var instruction in _scope.Instructions)
        {
            var (field, kind) = instruction switch
            {
                FunctionInstruction function => ($"_{function.Layer.Op!.Name}_{instruction.Result}", _fields),
                ArithmeticInstruction { Number: var number } when !IsLiteral(number) => ($"_number{instruction.Result}", _numberFields),
                MergeInstruction { Axis: { } axis } when !IsLiteral(axis) => ($"_axis{instruction.Result}", _numberFields),
                _ => (null, null),
            };
            if (field is null) continue;
            while (Taken.Contains(field) || !used.Add(field)) field += "_";
            kind![instruction.Result] = field;
            index++;
        }
        return index > 0;
    }

    /// <summary>Whether a number is written as a C# literal (which forward can use as it is).</summary>
    private static bool IsLiteral(Scalar scalar) => scalar is ConstantScalar { Value.Kind: ValueKind.Int or ValueKind.Float };

    private string FieldType(Instruction instruction) => instruction switch
    {
        ApplyInstruction { IsSpliced: true } => "Module<Tensor, Tensor>[]",
        ApplyInstruction { Repeat: not null } => "Sequential",
        ApplyInstruction { Layer.Block: { } block } => CSharp.Identifier(block.Name),
        ApplyInstruction { Inputs.Count: > 1 } several => BaseType(several.Inputs.Count),
        ApplyInstruction => "Module<Tensor, Tensor>",
        FunctionInstruction { Layer.Op.ReturnsSeveral: true } => "Module<Tensor, Tensor[]>",
        FunctionInstruction => "Module<Tensor, Tensor>",
        GroupInstruction { Count: not null } => "ModuleList<Module<Tensor, Tensor>>",
        GroupInstruction group when IsLinear(group) => "Sequential",
        GroupInstruction group => NestedName(group.Body),
        _ => "Module",
    };

    private string NestedName(Scope body)
    {
        if (_nestedNames.TryGetValue(body, out var existing)) return existing;
        var baseName = CSharp.PascalIdentifier(body.Name) + (body.Kind == ScopeKind.Parallel ? "Branch" : "Group");
        // Only this base name makes names baseName2, baseName3, ... (a base name never ends in a digit), so numbering
        // resumes where it stopped instead of retrying every taken name for each of many unlabelled groups.
        var candidate = baseName;
        var number = _nextNestedNumber.TryGetValue(baseName, out var next) ? next : 2;
        while (_nestedClassNames.Contains(candidate) || candidate == _className || Taken.Contains(candidate)) candidate = baseName + (number++).ToString(CultureInfo.InvariantCulture);
        _nextNestedNumber[baseName] = number;
        _nestedClassNames.Add(candidate);
        _nestedNames[body] = candidate;
        _nested.Add((body, candidate));
        return candidate;
    }

    private string ChildName(Instruction instruction, string? label, ref int staticIndex)
    {
        string name;
        if (_dynamicNames) name = label is not null ? CSharp.String(label) : "(index++).ToString(CultureInfo.InvariantCulture)";
        else name = CSharp.String(label ?? staticIndex.ToString(CultureInfo.InvariantCulture));
        if (_dynamicNames && label is not null) name = $"NetDslLayers.Labelled({name}, ref index)";
        staticIndex++;
        return name;
    }

    private void WriteConstruction(SourceWriter w, Instruction instruction, ref int staticIndex)
    {
        var result = "s" + instruction.Result.ToString(CultureInfo.InvariantCulture);
        switch (instruction)
        {
            case MergeInstruction merge:
            {
                var name = merge.Kind.ToString().ToLowerInvariant();
                var inputs = ShapeList(merge.Inputs);
                var at = $"path + \"({merge.Name})\"";
                ReadPath();
                var rule = merge.Kind != MergeKind.Concat
                    ? $"ShapeRules.Merge({inputs}, {(merge.Kind == MergeKind.Mul ? "true" : "false")}, \"{name}\", {at})"
                    : merge.Axis is { } axis
                        ? $"ShapeRules.Concat({inputs}, {Code(axis)}, \"{name}\", {at})"
                        : $"ShapeRules.Concat({inputs}, \"{name}\", {at})";
                if (_numberFields[merge.Result] is { } axisField) w.Line($"{axisField} = NetDslLayers.BatchAxis({Code(merge.Axis!)});");
                if (merge.Condition is null) w.Line($"var {result} = {rule}.OrThrow();");
                else
                {
                    w.Line($"{WhenField(merge.Result)} = {Code(merge.Condition)};");
                    w.Line($"var {result} = {WhenField(merge.Result)} ? {rule}.OrThrow() : {First(merge.Inputs, Shapes)};");
                }
                Shapes[merge.Result] = result;
                break;
            }
            case FunctionInstruction function:
            {
                var field = _fields[function.Result]!;
                var input = Shapes[function.Input];
                var several = function.Layer.Op!.ReturnsSeveral;
                w.Line($"// ({function.Name}) {Comment(null, function.Layer.Text, null)}{ShapeSuffix(function.Result)}");
                var at = $"path + \"({function.Name})\"";
                if (function.Condition is null) WriteLayer(w, function.Layer, new[] { input }, at, field, result, declare: true, inPlace: InPlace(function));
                else
                {
                    w.Line($"{WhenField(function.Result)} = {Code(function.Condition)};");
                    w.Line($"var {result} = {(several ? $"new[] {{ {input} }}" : input)};");
                    w.Open($"if ({WhenField(function.Result)})");
                    WriteLayer(w, function.Layer, new[] { input }, at, field, result, declare: false);
                    w.Close();
                }
                Shapes[function.Result] = result;
                break;
            }
            case ArithmeticInstruction arithmetic:
            {
                // Arithmetic with a number keeps the shape: the rule only refuses token ids, which the build already did.
                w.Line($"// ({arithmetic.Name}) {Comment(null, arithmetic.Text, null)}{ShapeSuffix(arithmetic.Result)}");
                if (_numberFields[arithmetic.Result] is { } numberField) w.Line($"{numberField} = {Code(arithmetic.Number)};");
                if (arithmetic.Condition is not null) w.Line($"{WhenField(arithmetic.Result)} = {Code(arithmetic.Condition)};");
                w.Line($"var {result} = {Shapes[arithmetic.Input]};");
                Shapes[arithmetic.Result] = result;
                break;
            }
            case LearnedTensorInstruction tensor:
                WriteLearnedTensor(w, tensor, result);
                break;
            case ItemInstruction item:
            {
                w.Line($"var {result} = NetDslLayers.Item({Shapes[item.Source]}, {item.Index}, {item.Count});");
                Shapes[item.Result] = result;
                break;
            }
            case SelectInstruction select:
            {
                w.Line($"// if {Code(select.Condition)}{ShapeSuffix(select.Result)}");
                w.Line($"{WhenField(select.Result)} = {Code(select.Condition)};");
                w.Line($"var {result} = {WhenField(select.Result)} ? {Shapes[select.WhenTrue]} : {Shapes[select.WhenFalse]};");
                Shapes[select.Result] = result;
                break;
            }
            case ApplyInstruction apply:
            {
                var field = _fields[apply.Result]!;
                var input = Shapes[apply.Inputs[0]];
                w.Line($"// {Comment(apply.Label, apply.Layer.Text, apply.Repeat)}{ShapeSuffix(apply.Result)}");
                if (apply.Condition is not null)
                {
                    w.Line($"var {result} = {input};");
                    w.Open($"if ({Code(apply.Condition)})");
                }
                if (apply.IsSpliced)
                {
                    WriteSplicedRepetition(w, apply, field, input, result);
                    if (apply.Condition is not null) w.Close();
                    Shapes[apply.Result] = result;
                    break;
                }
                var child = ChildName(apply, apply.Label, ref staticIndex);
                // An optional child, or any child where names depend on parameters, has its name in a local.
                var nameLocal = apply.Condition is not null || _dynamicNames;
                if (nameLocal) w.Line($"var name{apply.Result} = {child};");
                var pathExpr = nameLocal ? $"NetDslLayers.Join(path, name{apply.Result})" : $"NetDslLayers.Join(path, {child})";
                var registered = nameLocal ? $"name{apply.Result}" : child;
                if (apply.Repeat is not null)
                {
                    w.Line($"var count{apply.Result} = NetDslLayers.Count({Code(apply.Repeat)}, 0, \"repetitions\", {pathExpr});");
                    ReadPath();
                    w.Line($"var copies{apply.Result} = new List<Module<Tensor, Tensor>>();");
                    w.Line($"var shape{apply.Result} = {input};");
                    w.Open($"for (var i = 0; i < count{apply.Result}; i++)");
                    WriteLayer(w, apply.Layer, new[] { $"shape{apply.Result}" }, $"NetDslLayers.Join({pathExpr}, i.ToString(CultureInfo.InvariantCulture))", "copy", "next", declare: true, declareTarget: true);
                    w.Line($"copies{apply.Result}.Add(copy);");
                    w.Line($"shape{apply.Result} = next;");
                    w.Close();
                    w.Line($"{(apply.Condition is null ? "var " : "")}{result} = shape{apply.Result};");
                    w.Line($"{field} = nn.Sequential(copies{apply.Result});");
                }
                else
                {
                    var inputs = new string[apply.Inputs.Count];
                    for (var i = 0; i < inputs.Length; i++) inputs[i] = Shapes[apply.Inputs[i]];
                    WriteLayer(w, apply.Layer, inputs, pathExpr, field, result, declare: apply.Condition is null, inPlace: InPlace(apply), instruction: apply.Result);
                }
                w.Line(Register(apply, registered, field));
                if (apply.Condition is not null) w.Close();
                Shapes[apply.Result] = result;
                break;
            }
            case GroupInstruction group:
            {
                var field = _fields[group.Result]!;
                var input = Shapes[group.Input];
                var nested = IsLinear(group) ? "Sequential" : NestedName(group.Body);
                w.Line($"// {(group.Label is null ? "" : group.Label + ": ")}{(group.Count is null ? "group" : "parallel " + Code(group.Count))}{ShapeSuffix(group.Result)}");
                var child = ChildName(group, group.Label, ref staticIndex);
                var arguments = NestedArguments(group.Body);
                if (group.Count is null && IsLinear(group))
                {
                    w.Line($"var name{group.Result} = {child};");
                    var (output, sequential) = WriteSequential(w, group, input, $"NetDslLayers.Join(path, name{group.Result})");
                    w.Line($"{field} = {sequential};");
                    w.Line($"var {result} = {output};");
                    w.Line($"register_module(name{group.Result}, {field});");
                }
                else if (group.Count is null)
                {
                    if (group.Condition is not null)
                    {
                        w.Line($"var {result} = {input};");
                        w.Open($"if ({Code(group.Condition)})");
                    }
                    w.Line($"var name{group.Result} = {child};");
                    w.Line($"{field} = new {nested}({input}{arguments}, NetDslLayers.Join(path, name{group.Result}));");
                    ReadPath();
                    w.Line($"{(group.Condition is null ? "var " : "")}{result} = {field}.OutputShape;");
                    w.Line($"register_module(name{group.Result}, {field});");
                    if (group.Condition is not null) w.Close();
                }
                else
                {
                    w.Line($"var name{group.Result} = {child};");
                    w.Line($"var count{group.Result} = NetDslLayers.Count({Code(group.Count)}, 1, \"parallel copies\", NetDslLayers.Join(path, name{group.Result}));");
                    ReadPath();
                    w.Line($"var branches{group.Result} = new Module<Tensor, Tensor>[count{group.Result}];");
                    w.Line($"var {result} = new Shape[count{group.Result}];");
                    w.Open($"for (var i = 0; i < count{group.Result}; i++)");
                    w.Line($"var branch = new {nested}({input}{arguments}, NetDslLayers.Join(path, name{group.Result} + \".\" + i.ToString(CultureInfo.InvariantCulture)));");
                    w.Line($"branches{group.Result}[i] = branch;");
                    w.Line($"{result}[i] = branch.OutputShape;");
                    w.Close();
                    w.Line($"{field} = nn.ModuleList(branches{group.Result});");
                    w.Line($"register_module(name{group.Result}, {field});");
                }
                Shapes[group.Result] = result;
                break;
            }
        }
    }

    /// <summary>Notes that the line just written reads <c>path</c>: in an inline group, the enclosing constructor's.</summary>
    private void ReadPath()
    {
        if (_inlineParent is not null) _inlineParent.ReadPath();
        else _readsPath = true;
    }

    private static string WhenField(int result) => "_when" + result.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first value among <paramref name="ids"/> (the first copy of a parallel result).</summary>
    private string First(IReadOnlyList<int> ids, string[] names) =>
        _scope.Values[ids[0]].Kind == ValueKind.Tensors ? names[ids[0]] + "[0]" : names[ids[0]];

    /// <summary>
    /// A repetition whose copies are children of this module, run as a chain: named by the label's template
    /// (<c>"layer_{i}":</c>, <c>name*:</c> is <c>"name{i + 1}"</c>), or taking the next indexes (<c>*:</c>).
    /// </summary>
    private void WriteSplicedRepetition(SourceWriter w, ApplyInstruction apply, string field, string input, string result)
    {
        var template = apply.Template;
        // Messages about the count name the copies by the template's text before its first number (or the whole label).
        var countPath = template is null ? "index.ToString(CultureInfo.InvariantCulture)" : CSharp.String(template.Prefix.Length > 0 ? template.Prefix : apply.Label!);
        w.Line($"var count{apply.Result} = NetDslLayers.Count({Code(apply.Repeat!)}, 0, \"repetitions\", NetDslLayers.Join(path, {countPath}));");
        w.Line($"{field} = new Module<Tensor, Tensor>[count{apply.Result}];");
        ReadPath();
        w.Line($"var shape{apply.Result} = {input};");
        w.Open($"for (var i = 0; i < count{apply.Result}; i++)");
        w.Line(template is null
            ? "var name = (index++).ToString(CultureInfo.InvariantCulture);"
            : $"var name = {TemplateCode(template)};");
        WriteLayer(w, apply.Layer, new[] { $"shape{apply.Result}" }, "NetDslLayers.Join(path, name)", "copy", "next", declare: true, declareTarget: true);
        w.Line($"{field}[i] = copy;");
        w.Line($"shape{apply.Result} = next;");
        w.Line("register_module(name, copy);");
        if (template is not null) w.Line("index++;");
        w.Close();
        w.Line($"{(apply.Condition is null ? "var " : "")}{result} = shape{apply.Result};");
    }

    /// <summary>A copy's name: the template's text and numbers joined (<c>"layer" + (i + 1).ToString(CultureInfo.InvariantCulture)</c>).</summary>
    private string TemplateCode(LabelTemplate template) =>
        string.Join(" + ", template.Parts.Select(part => part.Text is { } text ? CSharp.String(text) : $"{Code(part.Value!)}.ToString(CultureInfo.InvariantCulture)"));

    /// <summary>Builds one op or block instance from shape variables, assigning the module to <paramref name="target"/> and its output shape to <paramref name="output"/>.</summary>
    /// <param name="inPlace">Build the op's in-place form (the memory plan found that nothing else needs its input).</param>
    /// <param name="instruction">The result id of the instruction applying a plain child, for batch-norm folding; -1 for copies of a repetition.</param>
    private void WriteLayer(SourceWriter w, LayerCall call, string[] inputs, string pathExpr, string target, string output, bool declare, bool declareTarget = false, bool inPlace = false, int instruction = -1)
    {
        var declareOutput = declare ? "var " : "";
        var declaredTarget = declareTarget ? "var " : "";
        if (call.Op is { } op)
        {
            var code = OpCodeFor(call, inputs, pathExpr);
            if (Borrows(call)) ReadPath();
            var shapeCall = op.EmitShape(code, pathExpr);
            // An op that keeps its input's shape (an activation) has no rule to call: its shape is the input's.
            if (shapeCall == inputs[0]) w.Line($"{declareOutput}{output} = {inputs[0]};");
            else
            {
                w.Line($"{declareOutput}{output} = {shapeCall}.{(op.ReturnsSeveral ? "OrThrowParts" : "OrThrow")}();");
                ReadPath();
            }
            w.Line($"{declaredTarget}{target} = {ModuleCode(op, code, instruction, target, inPlace)};");
            return;
        }
        var block = call.Block!;
        var arguments = string.Join("", call.Arguments.Select(a => $", {Safe(a.Name)}: {Code(a.Value)}"));
        w.Line($"{declaredTarget}{target} = new {CSharp.Identifier(block.Name)}({string.Join(", ", inputs)}{arguments}, path: {pathExpr});");
        ReadPath();
        w.Line($"{declareOutput}{output} = {target}.OutputShape;");
    }

    /// <summary>The expression building an op's module: its folding or folded form in a pair <see cref="Folding"/> found, else its plain or in-place form.</summary>
    private string ModuleCode(OpDefinition op, OpCode code, int instruction, string target, bool inPlace)
    {
        if (instruction >= 0 && Folding.IsFoldingConv(instruction))
        {
            _foldingConvs[instruction] = target;
            return op.EmitFoldingModule(code);
        }
        if (instruction >= 0 && Folding.ConvOf(instruction) is var conv && conv >= 0 && _foldingConvs.TryGetValue(conv, out var into))
            return op.EmitFoldedModule(code, into);
        return inPlace ? op.EmitInPlaceModule(code) : op.EmitModule(code);
    }

    private OpCode OpCodeFor(LayerCall call, string[] inputs, string pathExpr)
    {
        var op = call.Op!;
        var code = new string?[op.Arguments.Count];
        var pairs = new (string H, string W)?[op.Arguments.Count];
        foreach (var (name, value) in call.Arguments)
        {
            var index = op.IndexOf(name);
            var type = op.Arguments[index].Type;
            if (type == ArgType.Pair || type == ArgType.Padding)
            {
                if (value is PairScalar pair) pairs[index] = (Code(pair.First), Code(pair.Second));
                else if (value.Kind == ValueKind.Int)
                {
                    var side = Code(value);
                    pairs[index] = (side, side);
                }
                if (type == ArgType.Padding && value.Kind == ValueKind.Symbol && value is ConstantScalar symbol)
                    code[index] = symbol.Value.Symbol == "same" ? "Padding.Same" : "Padding.Valid";
                else
                {
                    var (h, w) = pairs[index] ?? throw new InvalidOperationException($"'{name}' of {op.Name} is not a pair");
                    code[index] = type == ArgType.Padding ? $"Padding.Explicit({h}, {w})" : $"({h}, {w})";
                }
            }
            else code[index] = type == ArgType.Ints ? $"new long[] {{ {string.Join(", ", ((ListScalar)value).Items.Select(Code))} }}" : Code(value);
        }
        return new OpCode(op, code, pairs, inputs) { Path = pathExpr };
    }

    private string ShapeList(IReadOnlyList<int> ids)
    {
        if (ids.All(id => _scope.Values[id].Kind == ValueKind.Tensor)) return "new[] { " + string.Join(", ", ids.Select(id => Shapes[id])) + " }";
        return "NetDslLayers.Flatten(" + string.Join(", ", ids.Select(id => _scope.Values[id].Kind == ValueKind.Tensor ? $"new[] {{ {Shapes[id]} }}" : Shapes[id])) + ")";
    }

    /// <summary>The names of <paramref name="ids"/>, comma-separated (most layers take one).</summary>
    private static string Join(IReadOnlyList<int> ids, string[] names) =>
        ids.Count == 1 ? names[ids[0]] : string.Join(", ", ids.Select(id => names[id]));

    private string TensorList(IReadOnlyList<int> ids, Func<int, string> tensor)
    {
        if (ids.All(id => _scope.Values[id].Kind == ValueKind.Tensor)) return string.Join(", ", ids.Select(tensor));
        return "NetDslLayers.Flatten(" + string.Join(", ", ids.Select(id => _scope.Values[id].Kind == ValueKind.Tensor ? $"new[] {{ {tensor(id)} }}" : tensor(id))) + ")";
    }

    private void WriteForward(SourceWriter w, IReadOnlyList<string> inputNames)
    {
        // The C# tensor variable of each value, by value id, as an expression reads it.
        var tensors = new string[_scope.Values.Count];
        for (var i = 0; i < inputNames.Count; i++) tensors[_scope.Inputs[i]] = inputNames[i];
        var whileTraining = InstructionInputs.OnlyWhileTraining(_scope);
        var record = _scope.HasSeveralOutputs ? OutputRecord : null;
        w.Open($"public override {record ?? "Tensor"} forward({string.Join(", ", inputNames.Select(n => "Tensor " + n))})");
        if (ChecksInputOf is { } network) w.Line($"NetDslLayers.CheckInput({inputNames[0]}, InputShape, {CSharp.Quote(network)});");
        var plan = Plan;
        // A layer that is skipped passes its input on; with a memory plan as a new handle (alias), so that releasing the
        // result never releases a tensor that someone else holds.
        string PassOn(string input) => plan is null ? input : input + ".alias()";
        for (var position = 0; position < _scope.Instructions.Count; position++)
        {
            var instruction = _scope.Instructions[position];
            var result = "x" + instruction.Result.ToString(CultureInfo.InvariantCulture);
            var comment = ShapeSuffix(instruction.Result);
            string value;
            switch (instruction)
            {
                case MergeInstruction merge:
                {
                    var method = merge.Kind switch { MergeKind.Concat => "Concat", MergeKind.Add => "Add", _ => "Mul" };
                    var axis = merge.Axis is null ? "" : (_numberFields[merge.Result] ?? BatchAxisLiteral(merge.Axis)) + ", ";
                    var overwritten = Overwritten(merge);
                    // torchvision's residual, x.add_(identity): the sum written into the value that is not needed any more.
                    var call = overwritten >= 0
                        ? $"NetDslLayers.AddInPlace({tensors[overwritten]}, {tensors[merge.Inputs[merge.Inputs[0] == overwritten ? 1 : 0]]})"
                        : $"NetDslLayers.{method}({axis}{TensorList(merge.Inputs, id => tensors[id])})";
                    value = merge.Condition is null ? call : $"{WhenField(merge.Result)} ? {call} : {PassOn(First(merge.Inputs, tensors))}";
                    break;
                }
                case SelectInstruction select:
                    value = $"{WhenField(select.Result)} ? {tensors[select.WhenTrue]} : {tensors[select.WhenFalse]}";
                    break;
                case FunctionInstruction function:
                {
                    var field = _fields[function.Result]!;
                    var input = tensors[function.Input];
                    value = function.Condition is null
                        ? $"{field}.call({input})"
                        : $"{WhenField(function.Result)} ? {field}!.call({input}) : {(function.Layer.Op!.ReturnsSeveral ? $"new[] {{ {input} }}" : PassOn(input))}";
                    break;
                }
                case ArithmeticInstruction arithmetic:
                {
                    var number = _numberFields[arithmetic.Result] ?? Code(arithmetic.Number);
                    var input = tensors[arithmetic.Input];
                    var op = arithmetic.Operator.Spelling();
                    var call = InPlace(arithmetic) ? $"{input}.{InPlaceMethod(arithmetic.Operator)}({number})"
                        : arithmetic.NumberFirst ? $"{number} {op} {input}" : $"{input} {op} {number}";
                    value = arithmetic.Condition is null ? call : $"{WhenField(arithmetic.Result)} ? {call} : {PassOn(input)}";
                    break;
                }
                case ItemInstruction item:
                    value = $"{tensors[item.Source]}[{item.Index}]";
                    break;
                case LearnedTensorInstruction tensor:
                    value = LearnedTensorValue(tensor, tensors[_scope.Inputs[0]]);
                    break;
                case ApplyInstruction { IsSpliced: true } spliced:
                {
                    var field = _fields[spliced.Result]!;
                    var input = tensors[spliced.Inputs[0]];
                    value = spliced.Condition is null ? $"NetDslLayers.Chain({field}, {input})" : $"{field} is null ? {PassOn(input)} : NetDslLayers.Chain({field}, {input})";
                    break;
                }
                case ApplyInstruction apply:
                {
                    var field = _fields[apply.Result]!;
                    var inputs = Join(apply.Inputs, tensors);
                    value = apply.Condition is null ? $"{field}.call({inputs})" : $"{field} is null ? {PassOn(tensors[apply.Inputs[0]])} : {field}!.call({inputs})";
                    break;
                }
                case GroupInstruction group:
                {
                    var field = _fields[group.Result]!;
                    var input = tensors[group.Input];
                    if (group.Count is not null)
                    {
                        value = $"NetDslLayers.ForwardAll({field}, {input})";
                        comment = default;
                    }
                    else value = group.Condition is null ? $"{field}.call({input})" : $"{field} is null ? {PassOn(input)} : {field}.call({input})";
                    break;
                }
                default:
                    continue;
            }
            if (whileTraining[instruction.Result])
            {
                // Computed for an output that exists only while training (torchvision's auxiliary classifiers): in
                // evaluation the layers do not run and the value is null.
                w.Line($"var {result} = training ? {(value.IndexOf('?') >= 0 ? $"({value})" : value)} : null;{comment}");
                tensors[instruction.Result] = result + "!";
            }
            else
            {
                w.Line($"var {result} = {value};{comment}");
                tensors[instruction.Result] = result;
            }
            if (plan is null) continue;
            // A while-training value is null in evaluation (its layers did not run): released only when it exists.
            foreach (var released in plan.ReleasedAfter(position))
                w.Line(whileTraining[released] ? $"{tensors[released].TrimEnd('!')}?.Dispose();" : $"{tensors[released]}.Dispose();");
            if (plan.ReleasesUnchosen(position) && instruction is SelectInstruction chosen)
            {
                var unchosen = $"{WhenField(chosen.Result)} ? {tensors[chosen.WhenFalse].TrimEnd('!')} : {tensors[chosen.WhenTrue].TrimEnd('!')}";
                w.Line(whileTraining[chosen.Result] ? $"({unchosen})?.Dispose();" : $"({unchosen}).Dispose();");
            }
        }
        if (record is null) w.Line($"return {tensors[_scope.Output]};");
        else w.Line($"return new {record}({string.Join(", ", _scope.Outputs.Select(o => tensors[o.Value].TrimEnd('!')))});");
        w.Close();
    }

    /// <summary>TorchSharp's in-place method for arithmetic with a number (the plan allows it for these four only).</summary>
    private static string InPlaceMethod(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "add_",
        BinaryOperator.Subtract => "sub_",
        BinaryOperator.Multiply => "mul_",
        _ => "div_",
    };

    /// <summary>
    /// A group that is a plain chain of ops and blocks becomes an nn.Sequential (as torchvision's <c>features</c>), its
    /// children built inline; a group with branches, named values or optional layers becomes a nested class.
    /// </summary>
    internal static bool IsLinear(GroupInstruction group)
    {
        if (group.Count is not null || group.Condition is not null) return false;
        var body = group.Body;
        var current = body.Inputs[0];
        foreach (var instruction in body.Instructions)
        {
            if (instruction is not ApplyInstruction { Condition: null, Repeat: null, Layer.Merge: null } apply || apply.Inputs.Count != 1 || apply.Inputs[0] != current) return false;
            // nn.Sequential registers its children in the order they run.
            if (RegistersEarlier(body, apply)) return false;
            // A layer that takes another layer's parameter finds it through its scope's module, which a Sequential built inline lacks.
            if (Borrows(apply.Layer)) return false;
            current = apply.Result;
        }
        return body.Instructions.Count > 0 && body.Output == current;
    }

    private (string Output, string Sequential) WriteSequential(SourceWriter w, GroupInstruction group, string input, string groupPath)
    {
        var inner = new ScopeEmitter(group.Body, _root, _className, _ => null) { _inlineParent = this, ReuseMemory = ReuseMemory };
        inner.Shapes[group.Body.Inputs[0]] = input;
        var children = new List<string>();
        var index = 0;
        foreach (var instruction in group.Body.Instructions)
        {
            var apply = (ApplyInstruction)instruction;
            var name = CSharp.String(apply.Label ?? index.ToString(CultureInfo.InvariantCulture));
            index++;
            var prefix = $"{(group.Label is null ? "g" : CSharp.PascalIdentifier(group.Label).Substring(0, 1).ToLowerInvariant() + CSharp.PascalIdentifier(group.Label).Substring(1))}{group.Result}";
            var shape = $"{prefix}Shape{apply.Result}";
            var module = $"{prefix}Layer{apply.Result}";
            w.Line($"// {(group.Label is null ? "" : group.Label + ".")}{apply.Label ?? (index - 1).ToString(CultureInfo.InvariantCulture)}: {Comment(null, apply.Layer.Text, null)}");
            inner.WriteLayer(w, apply.Layer, new[] { inner.Shapes[apply.Inputs[0]] }, $"NetDslLayers.Join({groupPath}, {name})", module, shape, declare: true, declareTarget: true, inPlace: inner.InPlace(apply), instruction: apply.Result);
            inner.Shapes[apply.Result] = shape;
            children.Add($"({name}, {module})");
        }
        return (inner.Shapes[group.Body.Output], "nn.Sequential(" + string.Join(", ", children) + ")");
    }

    /// <summary>The shape variable of a value of the root scope, as seen from this scope.</summary>
    private string OuterShape(int value) =>
        _inlineParent is not null ? _inlineParent.OuterShape(value) : _scope == _root ? Shapes[value] : "outer" + value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Arguments a nested scope class receives: the root's parameters and the outer sizes it reads.</summary>
    private string NestedArguments(Scope body)
    {
        var parts = _root.Parameters.Select(ParameterName).ToList();
        parts.AddRange(OuterValues(body).Select(OuterShape));
        return string.Concat(parts.Select(p => ", " + p));
    }

    public static SortedSet<int> OuterValues(Scope scope)
    {
        var result = new SortedSet<int>();
        void Visit(Scalar? scalar)
        {
            if (scalar is null) return;
            foreach (var d in scalar.Dimensions())
            {
                if (d.Outer) result.Add(d.Value);
            }
        }
        void Walk(Scope s)
        {
            foreach (var instruction in s.Instructions)
            {
                switch (instruction)
                {
                    case ApplyInstruction apply:
                        foreach (var (_, value) in apply.Layer.Arguments) Visit(value);
                        Visit(apply.Condition);
                        Visit(apply.Repeat);
                        break;
                    case FunctionInstruction function:
                        foreach (var (_, value) in function.Layer.Arguments) Visit(value);
                        Visit(function.Condition);
                        break;
                    case LearnedTensorInstruction tensor:
                        foreach (var (_, value) in tensor.Layer.Arguments) Visit(value);
                        break;
                    case ArithmeticInstruction arithmetic:
                        Visit(arithmetic.Number);
                        Visit(arithmetic.Condition);
                        break;
                    case MergeInstruction merge:
                        Visit(merge.Axis);
                        Visit(merge.Condition);
                        break;
                    case SelectInstruction select:
                        Visit(select.Condition);
                        break;
                    case GroupInstruction group:
                        Visit(group.Condition);
                        Visit(group.Count);
                        Walk(group.Body);
                        break;
                }
            }
        }
        Walk(scope);
        return result;
    }

    private void WriteNested(SourceWriter w, Scope body, string name)
    {
        var outer = OuterValues(body);
        var emitter = new ScopeEmitter(body, _root, name, _ => null) { ReuseMemory = ReuseMemory };
        w.Line($"/// <summary>The {(body.Kind == ScopeKind.Parallel ? "body of a parallel" : "group")} '{FileEmitter.Xml(body.Name)}' of {_className}.</summary>");
        w.Open($"public sealed class {name} : {BaseType(1)}");
        var parameters = _root.Parameters.Select(p => $"{TypeName(p.Type)} {ParameterName(p)}")
            .Concat(outer.Select(id => "Shape outer" + id.ToString(CultureInfo.InvariantCulture)));
        emitter.WriteMembers(w, (writer, _) =>
        {
            writer.Open($"public {name}(Shape input{string.Concat(parameters.Select(p => ", " + p))}, string path) : base({CSharp.String(body.Name)})");
        }, new[] { "input" });
        w.Close();
    }

    private string Comment(string? label, string text, Scalar? repeat) =>
        (label is null ? "" : label + ": ") + text.Replace("\r", " ").Replace("\n", " ") + (repeat is null ? "" : " * " + Code(repeat));

    /// <summary>The comment ending a value's lines, <c>  // [16, 32, 32]</c>, or nothing when its shape is not known.</summary>
    private CSharp.ShapeComment ShapeSuffix(int value) => new(_valueShape(value));

    /// <summary>A scalar as a C# expression over constructor parameters and shape variables.</summary>
    public string Code(Scalar scalar)
    {
        switch (scalar)
        {
            case ConstantScalar constant:
                return constant.Value.Kind switch
                {
                    ValueKind.Int => CSharp.Long(constant.Value.Int),
                    ValueKind.Float => CSharp.Double(constant.Value.Float),
                    ValueKind.Bool => constant.Value.Bool ? "true" : "false",
                    ValueKind.Pair => $"({CSharp.Long(constant.Value.Int)}, {CSharp.Long(constant.Value.Second)})",
                    _ => CSharp.String(constant.Value.Symbol ?? ""),
                };
            case ParameterScalar parameter:
                return _rootParameters.TryGetValue(parameter.Name, out var info) ? ParameterName(info) : Safe(parameter.Name);
            case DimensionScalar dimension:
            {
                var shape = dimension.Outer ? OuterShape(dimension.Value) : Shapes[dimension.Value];
                return dimension.Query switch
                {
                    SizeQuery.Size => $"{shape}.Size({CSharp.Long(dimension.Axis)})",
                    SizeQuery.Rank => $"{shape}.Rank",
                    _ => $"{shape}.{dimension.Query}",
                };
            }
            case ListScalar list:
                return $"new long[] {{ {string.Join(", ", list.Items.Select(Code))} }}";
            case ToFloatScalar toFloat:
                return $"(double){Code(toFloat.Operand)}";
            case PairScalar pair:
                return $"({Code(pair.First)}, {Code(pair.Second)})";
            case UnaryScalar unary:
                return unary.Operator == UnaryOperator.Not ? $"!{Wrap(unary.Operand)}" : $"-{Wrap(unary.Operand)}";
            case BinaryScalar binary:
            {
                var left = Code(binary.Left);
                var right = Code(binary.Right);
                if (binary.Type == ValueKind.Int && binary.Operator == BinaryOperator.Divide) return $"Dsl.FloorDiv({left}, {right})";
                if (binary.Operator == BinaryOperator.Modulo) return $"Dsl.FloorMod({left}, {right})";
                var op = binary.Operator switch
                {
                    BinaryOperator.And => "&&",
                    BinaryOperator.Or => "||",
                    _ => binary.Operator.Spelling(),
                };
                return $"({left} {op} {right})";
            }
            case ConditionalScalar conditional:
                return $"({Code(conditional.Condition)} ? {Code(conditional.WhenTrue)} : {Code(conditional.WhenFalse)})";
            case FunctionScalar function:
                return FunctionCode(function);
            case IndexScalar:
                return "i";
            default:
                return "default";
        }
    }

    /// <summary>A constant axis of a merge, counted with the batch (<c>concat(..., dim: 1)</c> joins tensor axis 2).</summary>
    private static string BatchAxisLiteral(Scalar axis)
    {
        var value = ((ConstantScalar)axis).Value.Int;
        return (value < 0 ? value : value + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A number function as a call of its <see cref="Dsl"/> twin; max and min of several arguments nest left to right, as they fold.</summary>
    private string FunctionCode(FunctionScalar function)
    {
        var name = function.Function.ToString();
        var code = Code(function.Arguments[0]);
        if (function.Arguments.Count == 1) return $"Dsl.{name}({code})";
        for (var i = 1; i < function.Arguments.Count; i++) code = $"Dsl.{name}({code}, {Code(function.Arguments[i])})";
        return code;
    }

    private string Wrap(Scalar scalar)
    {
        var code = Code(scalar);
        return scalar is ConstantScalar or ParameterScalar or DimensionScalar ? code : "(" + code + ")";
    }
}
