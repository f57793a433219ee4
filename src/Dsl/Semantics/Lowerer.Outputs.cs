using System.Collections.Generic;
using NetDsl.Diagnostics;
using NetDsl.Emit;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

internal sealed partial class Lowerer
{
    /// <summary>The condition of an output that exists only while the network trains: <c>aux: a if training</c>.</summary>
    internal const string TrainingCondition = "training";

    /// <summary>
    /// <c>output logits: x, aux: a if training</c>: lowers each output as a named value is lowered (a layer written there
    /// applies to the current value), records the outputs on the network's scope and returns the main one, which becomes
    /// the current value. Only the last statement of a network names outputs (ND0402); each is one tensor, always or
    /// only while training, the first always (ND0403).
    /// </summary>
    private Lowered LowerOutputs(OutputStatementSyntax statement, Lowered current, bool isLast)
    {
        var inNetwork = _scope.Kind == ScopeKind.Network && ReferenceEquals(_scope, _root);
        if (!inNetwork)
        {
            Report(DiagnosticCatalog.MisplacedOutputs, statement.KeywordRange,
                $"only a network names its outputs; {(_scope.Kind == ScopeKind.Block ? $"block '{_scope.Name}'" : "a group")} returns its last value. Name the network's outputs on its last line: output logits: x, aux: a if training");
        }
        else if (!isLast)
        {
            Report(DiagnosticCatalog.MisplacedOutputs, statement.KeywordRange,
                $"'output' ends network '{_scope.Name}': it names what the network returns, so no statement may follow it; move it to the last line");
        }
        var names = new HashSet<string>();
        var properties = new Dictionary<string, string>();
        Lowered main = new LoweredError(statement.Range);
        for (var i = 0; i < statement.Outputs.Count; i++)
        {
            var item = statement.Outputs[i];
            var (valueSyntax, whileTraining) = item.Value is ConditionalSyntax { Condition: NameSyntax { Name: TrainingCondition }, Else: null } training
                ? (training.Value, true)
                : (item.Value, false);
            if (valueSyntax is ConditionalSyntax other)
            {
                Report(DiagnosticCatalog.InvalidOutput, other.Condition.Range,
                    $"output '{item.Name}' depends on a condition: an output exists always, or only while the network trains ('{item.Name}: value if training'); " +
                    "for arguments that leave an output out, declare a network without it");
                MarkUsed(new ExpressionStatementSyntax(other, other.Range));
                continue;
            }
            var value = ToValues(Lower(valueSyntax, current), current, valueSyntax.Range);
            if (value is LoweredError) continue;
            if (value is not LoweredValues { Ids.Count: 1 } one || _scope.Values[one.Ids[0]].Kind != ValueKind.Tensor)
            {
                var what = value is LoweredValues values ? (values.Ids.Count == 1 ? "several tensors" : $"{values.Ids.Count} values") : Kind(value).Describe();
                Report(DiagnosticCatalog.InvalidOutput, valueSyntax.Range,
                    $"output '{item.Name}' is {what}; an output is one tensor (merge several with concat, add or mul, or name each as an output)");
                continue;
            }
            if (i == 0 && whileTraining)
            {
                Report(DiagnosticCatalog.InvalidOutput, ((ConditionalSyntax)item.Value).Condition.Range,
                    $"'{item.Name}', the first output, is the main one: the network returns it in evaluation too, so it cannot exist only while training; put an output that always exists first");
            }
            if (!names.Add(item.Name))
            {
                Report(DiagnosticCatalog.DuplicateValue, item.NameRange, $"the output '{item.Name}' is named twice; give each output its own name");
                continue;
            }
            var property = CSharp.PascalIdentifier(item.Name);
            if (properties.TryGetValue(property, out var taken))
            {
                Report(DiagnosticCatalog.DuplicateValue, item.NameRange,
                    $"the outputs '{taken}' and '{item.Name}' would both be the property '{property}' of the generated record; rename one");
                continue;
            }
            properties[property] = item.Name;
            if (inNetwork) _scope.Outputs.Add(new OutputValue(item.Name, item.NameRange, one.Ids[0], whileTraining));
            if (i == 0) main = one;
        }
        return inNetwork ? main : current;
    }
}
