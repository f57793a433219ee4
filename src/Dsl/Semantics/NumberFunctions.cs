using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// Types the calls of the functions on numbers, as Python computes them: <c>max(a, b, ...)</c> and <c>min(...)</c>
/// (an int of ints, a float when any argument is a float), <c>round(x)</c> (half to even), <c>ceil(x)</c>,
/// <c>floor(x)</c> and <c>int(x)</c> (toward zero) give an int, <c>float(x)</c> a float. Of an int, the four that
/// give an int return it unchanged.
/// </summary>
internal static class NumberFunctions
{
    private static readonly Dictionary<string, NumberFunction?> ByName = new()
    {
        ["max"] = NumberFunction.Max,
        ["min"] = NumberFunction.Min,
        ["round"] = NumberFunction.Round,
        ["ceil"] = NumberFunction.Ceil,
        ["floor"] = NumberFunction.Floor,
        ["int"] = NumberFunction.Int,
        ["float"] = null,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool IsName(string name) => ByName.ContainsKey(name);

    /// <param name="lower">Lowers one argument to a number, or null after reporting why it is not one.</param>
    public static Scalar? Lower(CallSyntax call, Func<ExpressionSyntax, string, Scalar?> lower, Action<DslDescriptor, TextRange, string> report)
    {
        var function = ByName[call.Name];
        var several = function is NumberFunction.Max or NumberFunction.Min;
        var usage = several ? $"{call.Name}(a, b, ...)" : $"{call.Name}(x)";
        var ok = true;
        foreach (var named in call.Arguments.OfType<LabeledSyntax>())
        {
            report(DiagnosticCatalog.UnknownArgument, named.LabelRange, $"'{call.Name}' takes no named arguments; write {usage}");
            ok = false;
        }
        var arguments = new List<Scalar>();
        foreach (var argument in call.Arguments.Where(a => a is not LabeledSyntax))
        {
            if (lower(argument, $"an argument of {call.Name}") is { } scalar) arguments.Add(scalar);
            else ok = false;
        }
        var given = call.Arguments.Count;
        if (several ? given < 2 : given < 1)
        {
            report(DiagnosticCatalog.MissingArgument, call.Range, $"'{call.Name}' needs {(several ? "at least two numbers" : "a number")}: {usage}");
            return null;
        }
        if (!several && given > 1)
        {
            var hint = call.Name == "round" ? "; NetDsl has no round(x, ndigits): sizes are integers" : "";
            report(DiagnosticCatalog.TooManyArguments, call.Arguments[1].Range, $"'{call.Name}' takes one number: {usage}{hint}");
            return null;
        }
        if (!ok) return null;
        if (several)
        {
            var type = arguments.Any(a => a.Kind == ValueKind.Float) ? ValueKind.Float : ValueKind.Int;
            var promoted = arguments.Select(a => type == ValueKind.Float && a.Kind == ValueKind.Int ? new ToFloatScalar(a) : a);
            return new FunctionScalar(function!.Value, promoted.ToEquatableArray(), type, call.Range);
        }
        var operand = arguments[0];
        if (function is null) return operand.Kind == ValueKind.Float ? operand : new ToFloatScalar(operand);
        return operand.Kind == ValueKind.Int ? operand : new FunctionScalar(function.Value, new[] { operand }.ToEquatableArray(), ValueKind.Int, call.Range);
    }
}
