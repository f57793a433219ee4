using System.Linq;
using NetDsl.Catalog;
using NetDsl.Semantics;
using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>How editors show an op's or a block's signature and arguments, from the op catalog and the block's syntax.</summary>
public static class Signatures
{
    /// <summary><c>conv(filters, kernel, stride: 1, ...)</c>: the catalog's arguments, as the build's messages print them.</summary>
    public static string Of(OpDefinition op) => op.Name + Lowerer.Signature(op);

    /// <summary><c>block Down(f1, f2 = f1, pre_relu = true)</c>, defaults as written.</summary>
    public static string Of(DeclarationSyntax declaration, string text) =>
        $"{declaration.Keyword} {declaration.Name}({string.Join(", ", declaration.Parameters.Select(p => Parameter(p, text)))})";

    public static string Parameter(ParameterSyntax parameter, string text)
    {
        var type = parameter.TypeName is null ? "" : ": " + parameter.TypeName;
        var value = parameter.Default is null ? "" : " = " + Slice(text, parameter.Default.Range);
        return parameter.Name + type + value;
    }

    /// <summary>What an argument takes and its default, one line: <c>stride: an integer or a pair (h, w); default 1</c>.</summary>
    public static string Argument(ArgSpec argument)
    {
        var takes = argument.Type switch
        {
            ArgType.Int => "an integer",
            ArgType.Float => "a number",
            ArgType.Bool => "true or false",
            ArgType.Pair => "an integer or a pair (h, w)",
            _ => "an integer, a pair (h, w), same or valid",
        };
        var given = argument.Required ? "required"
            : argument.Default is { } value ? "default " + value
            : argument.DefaultFrom is { } from ? "default: the value of " + from
            : "optional";
        return $"{argument.Name}: {takes}; {given}";
    }

    /// <summary>The op's one-line summary and each argument, as markdown.</summary>
    public static string Documentation(OpDefinition op) =>
        op.Summary + (op.Arguments.Count == 0 ? "" : "\n\n" + string.Join("\n", op.Arguments.Select(a => "- " + Argument(a))));

    internal static string Slice(string text, TextRange range)
    {
        var start = System.Math.Max(0, System.Math.Min(range.Start, text.Length));
        var end = System.Math.Max(start, System.Math.Min(range.End, text.Length));
        return text.Substring(start, end - start);
    }
}
