using System.Collections.Generic;
using NetDsl.Catalog;
using NetDsl.Catalog.Ops;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

// What sequence models add to lowering: learned tensors declared by a binding, references to another layer's parameter
// (tied weights), and ops that take a value or a tuple of values (attention on a sequence, or on queries and a memory).
internal sealed partial class Lowerer
{
    /// <summary>
    /// <c>class_token = parameter(1, 1, 768, batch_axis: true)</c>, <c>mask = buffer(...)</c>: a learned tensor of the scope,
    /// keyed by the name, which also names its value. False when the binding declares none.
    /// </summary>
    private bool LowerLearnedTensor(BindingSyntax binding)
    {
        if (binding.Value is not CallSyntax call || LearnedTensorOp.Find(call.Name) is not { } op) return false;
        if (_names.TryGetValue(binding.Name, out var existing))
        {
            Report(DiagnosticCatalog.DuplicateValue, binding.NameRange,
                $"'{binding.Name}' is already defined at {_source.Span(existing.Range)}; give this {op.Name} another name");
            return true;
        }
        var text = _source.Text.Substring(call.Range.Start, call.Range.Length);
        if (LowerOpCall(call, op, text) is not LoweredLayer layer) return true;
        // Its name is a state_dict key of the scope, beside the children's labels.
        CheckLabel(binding.Name, binding.NameRange);
        var result = _scope.NewValue(ValueKind.Tensor, binding.Name, binding.NameRange);
        _scope.Instructions.Add(new LearnedTensorInstruction(result, layer.Call, binding.Name, binding.Range));
        _names[binding.Name] = new Binding(null, result, binding.NameRange, isInput: false);
        _scope.Names.Add(new NamedValue(binding.Name, binding.NameRange, result, null));
        return true;
    }

    /// <summary><c>parameter(...)</c> anywhere but as the value of a binding: it has no name to be stored under.</summary>
    private Lowered LearnedTensorOutsideBinding(CallSyntax call, LearnedTensorOp op)
    {
        Report(DiagnosticCatalog.WrongType, call.NameRange,
            $"'{op.Name}' declares a learned tensor, whose name is its state_dict key: name it on a line of its own, e.g. class_token = {op.Name}(1, 1, 768), then use class_token");
        return new LoweredError(call.Range);
    }

    /// <summary>
    /// A parameter of an earlier layer by its path relative to the scope (<c>transformer.wte.weight</c>), or a learned tensor of
    /// the scope by its name: a word the checker resolves, since paths are known only once the scope is checked.
    /// </summary>
    private Scalar? LowerReference(ArgSpec spec, ExpressionSyntax syntax, string op)
    {
        if (ReferencePath(syntax) is { } path)
        {
            // A learned parameter of the scope named here is used, even if nothing else reads its value.
            if (_names.TryGetValue(path, out var learned)) learned.Used = true;
            return new ConstantScalar(ScalarValue.OfSymbol(path), syntax.Range);
        }
        Report(DiagnosticCatalog.WrongType, syntax.Range,
            $"'{spec.Name}' of {op} names a parameter of an earlier layer by its path, e.g. {spec.Name}: transformer.wte.weight; it takes that parameter as its own (tied weights)");
        return null;
    }

    private static string? ReferencePath(ExpressionSyntax syntax) => syntax switch
    {
        NameSyntax { Name: not "<error>" } name => name.Name,
        MemberSyntax member when ReferencePath(member.Target) is { } target => target + "." + member.Member,
        _ => null,
    };

    /// <summary>An op that takes one value or a tuple of several (<c>(q, memory) |&gt; attention(8)</c>).</summary>
    private Lowered ApplySeveral(LoweredLayer layer, LoweredValues values, OpDefinition op)
    {
        var count = values.Ids.Count;
        if (count < 1 || count > op.MaxInputs || !AllTensors(values.Ids) || (layer.Repeat is not null && count > 1))
        {
            var got = count == 1 && _scope.Values[values.Ids[0]].Kind == ValueKind.Tensors ? "several tensors (from parallel)" : $"{count} value{(count == 1 ? "" : "s")}";
            Report(DiagnosticCatalog.WrongInputCount, layer.Call.NameRange, layer.Repeat is not null && count > 1
                ? $"'{op.Name}' repeated with '*' is a chain, each copy fed by the one before, so it takes one value, not {got}; repeat a block that takes the tuple instead"
                : $"'{op.Name}' takes one value or a tuple of up to {op.MaxInputs}, e.g. (queries, memory) |> {op.Name}(...), but receives {got}");
            return new LoweredError(layer.Range);
        }
        if (layer.DeclaredAt is null) CheckLabel(layer.Label, layer.LabelRange);
        var result = _scope.NewValue(ValueKind.Tensor, null, layer.Range);
        _scope.Instructions.Add(new ApplyInstruction(result, layer.Call, values.Ids, layer.Label, layer.LabelRange, Guarded(layer.Condition), layer.Repeat, layer.Range) { DeclaredAt = layer.DeclaredAt });
        return new LoweredValues(new List<int> { result }, layer.Range);
    }
}
