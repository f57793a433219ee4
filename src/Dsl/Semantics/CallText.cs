using System.Linq;
using System.Text;
using NetDsl.Catalog;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// The Op column of a summary row: the op applied, with the arguments its call wrote, evaluated for this application, in
/// one spelling (docs/language.md, "Summaries"). In the op's order; those the call gave by position stay positional, the
/// others are named; an argument the call left out stays out (its default applies). <c>conv(f, 3, stride: stride)</c> in a
/// block called with <c>f = 32, stride = 2</c> reads <c>conv(32, 3, stride: 2)</c>: the row can be pasted back as the layer.
/// </summary>
internal static class CallText
{
    public static string Of(LayerCall call, OpArguments arguments)
    {
        var op = call.Op!;
        if (call.Written.Count == 0) return op.Name;
        var text = new StringBuilder(op.Name).Append('(');
        for (var i = 0; i < call.Written.Count; i++)
        {
            var name = call.Written[i];
            if (i > 0) text.Append(", ");
            var byPosition = i < call.WrittenByPosition;
            if (!byPosition) text.Append(name).Append(": ");
            if (arguments.ValueOrNull(name) is { } value) text.Append(Value(value, spread: byPosition && op.Arguments[op.IndexOf(name)].Variadic));
        }
        return text.Append(')').ToString();
    }

    /// <summary>
    /// A value as <c>.net</c> text writes it: numbers as <see cref="NumberText"/> spells them, <c>true</c>, a bare word or
    /// path, <c>(3, 1)</c>; a list of one integer is that integer, and <paramref name="spread"/> writes a list without
    /// parentheses (a variadic argument given by position: <c>permute(1, 2, 0)</c>).
    /// </summary>
    public static string Value(ScalarValue value, bool spread = false) => value.Kind switch
    {
        ValueKind.Int => NumberText.Int(value.Int),
        ValueKind.Float => NumberText.Float(value.Float),
        ValueKind.Bool => value.Bool ? "true" : "false",
        ValueKind.Symbol => value.Symbol ?? "",
        ValueKind.Pair => "(" + NumberText.Int(value.Int) + ", " + NumberText.Int(value.Second) + ")",
        ValueKind.Ints when value.Items.Count == 1 => NumberText.Int(value.Items[0]),
        ValueKind.Ints => (spread ? "" : "(") + string.Join(", ", value.Items.Select(NumberText.Int)) + (spread ? "" : ")"),
        _ => value.ToString(),
    };

    /// <summary>Arithmetic with a number: the tensor side as written, the number evaluated (<c>x * 0.17</c>, <c>1 - gate</c>).</summary>
    public static string Of(ArithmeticInstruction arithmetic, ScalarValue number)
    {
        var spelling = arithmetic.Operator.Spelling();
        return arithmetic.NumberFirst
            ? Value(number) + " " + spelling + " " + arithmetic.OperandText
            : arithmetic.OperandText + " " + spelling + " " + Value(number);
    }
}
