using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

// A child declared before it is applied, 'reduction = layer(linear(8, bias: false))' then 'x |> norm |> reduction': the
// module registers it where it is declared (torchvision's PatchMerging registers 'reduction' before 'norm' and applies
// 'norm' first), while its input, and so its shape check, is the value it is applied to.
internal sealed partial class Lowerer
{
    /// <summary>The name of the call that declares a child, <c>name = layer(op or block call)</c>.</summary>
    internal const string DeclaredLayerName = "layer";

    /// <summary>Its signature and documentation, for the editor's completions and hovers.</summary>
    internal const string DeclaredLayerSignature = "name = layer(op or block call)";

    internal const string DeclaredLayerDocumentation =
        "Declares a child to apply later by its name (x |> name): registered here, so its state_dict keys come before those of the children used first, as in a PyTorch module that creates it earlier (torchvision's Swin PatchMerging: reduction, then norm); its input, shape check and summary row are where it is applied. Applied once; one never applied is ND0122.";

    /// <summary>
    /// <c>reduction = layer(linear(8))</c>: binds the name to the unapplied layer, labelled by the name and registered at this
    /// point of the scope. False when the binding declares none (or the scope has a block named <c>layer</c>, which the
    /// call then applies as before).
    /// </summary>
    private bool LowerDeclaredLayer(BindingSyntax binding)
    {
        if (binding.Value is not CallSyntax { Name: DeclaredLayerName } call || _blocks.ContainsKey(DeclaredLayerName)) return false;
        if (_names.TryGetValue(binding.Name, out var existing))
        {
            Report(DiagnosticCatalog.DuplicateValue, binding.NameRange,
                $"'{binding.Name}' is already defined at {_source.Span(existing.Range)}; give this layer another name");
            return true;
        }
        var failed = new Binding(null, -1, binding.NameRange, isInput: false) { Failed = true, Used = true };
        if (call.Arguments.Count != 1)
        {
            Report(DiagnosticCatalog.WrongType, call.Range,
                $"'{DeclaredLayerName}(...)' takes one op or block call, the child to declare, e.g. {binding.Name} = {DeclaredLayerName}(linear(8, bias: false)); its label is the name '{binding.Name}'");
            _names[binding.Name] = failed;
            return true;
        }
        var argument = call.Arguments[0];
        var lowered = argument is LabeledSyntax or ParenthesizedSyntax { Inner: LabeledSyntax } ? null : Lower(argument, null);
        if (lowered is not LoweredLayer { Label: null, Call.Merge: null, Template: null, ContinuesIndexes: false } layer)
        {
            if (lowered is not LoweredError)
                Report(DiagnosticCatalog.WrongType, argument.Range, lowered switch
                {
                    null or LoweredLayer { Call.Merge: null } => $"the declared layer is labelled by its name '{binding.Name}'; write {binding.Name} = {DeclaredLayerName}(...) without a label inside",
                    LoweredLayer => $"a merge has no state to register; '{DeclaredLayerName}(...)' declares an op or a block, e.g. {binding.Name} = {DeclaredLayerName}(linear(8))",
                    _ => $"'{DeclaredLayerName}(...)' declares an op or a block (a child applied later), not {Kind(lowered).Describe()}",
                });
            _names[binding.Name] = failed;
            return true;
        }
        CheckLabel(binding.Name, binding.NameRange);
        _names[binding.Name] = new Binding(null, -1, binding.NameRange, isInput: false)
        {
            Layer = layer with { Label = binding.Name, LabelRange = binding.NameRange, DeclaredAt = _scope.Instructions.Count },
        };
        return true;
    }

    /// <summary>A declared layer named where a layer may stand: applied once, where it is named (its label is reserved already).</summary>
    private Lowered LowerDeclaredLayerUse(NameSyntax name, Binding binding, LoweredLayer layer)
    {
        if (binding.AppliedAt is { } first)
        {
            Report(DiagnosticCatalog.DuplicateLabel, name.Range,
                $"the layer '{name.Name}' is applied already at {_source.Span(first)}; a declared layer is one child, applied once: declare another for a second application");
            return new LoweredError(name.Range);
        }
        binding.AppliedAt = name.Range;
        // Errors of the application (its input's shape) are reported, and its shapes shown, at the use; those of an
        // argument stay at the argument.
        return layer with { Call = layer.Call with { NameRange = name.Range, Range = name.Range }, LabelRange = name.Range, Range = name.Range };
    }

    /// <summary>Whether a scope around this group declares a layer of that name (which the group cannot apply).</summary>
    private bool IsOuterDeclaredLayer(string name)
    {
        foreach (var scopeNames in _outerNames)
        {
            if (scopeNames.TryGetValue(name, out var binding) && binding.Layer is not null) return true;
        }
        return false;
    }

    /// <summary><c>layer(...)</c> anywhere but as the value of a binding: the child it declares has no name to be applied by.</summary>
    private Lowered DeclaredLayerOutsideBinding(CallSyntax call)
    {
        Report(DiagnosticCatalog.WrongType, call.NameRange,
            $"'{DeclaredLayerName}(...)' declares a child to apply later, by its name: write it on a line of its own, e.g. reduction = {DeclaredLayerName}(linear(8)), then apply it: x |> reduction");
        return new LoweredError(call.Range);
    }

    /// <summary>ND0122: a declared layer never applied has no input, so neither a shape nor weights; the scope would lack its keys.</summary>
    private void ReportUnappliedLayers()
    {
        foreach (var pair in _names)
        {
            if (pair.Value.Layer is null || pair.Value.AppliedAt is not null) continue;
            Report(DiagnosticCatalog.UnappliedLayer, pair.Value.Range,
                $"the layer '{pair.Key}' is declared but never applied: its input decides its shape and weights; apply it (x |> {pair.Key}) or remove the declaration");
        }
    }
}
