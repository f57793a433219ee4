using System;
using System.Globalization;
using System.Linq;
using NetDsl.Syntax;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>
/// Prints a declaration's syntax tree as canonical <c>.net</c>-like text, without ranges: two trees print the same
/// exactly when they have the same structure, so a C# declaration can be compared with the <c>.net</c> text it means.
/// Operators are bracketed (<c>[a + b]</c>) and tuples marked (<c>tuple(a, b)</c>) so that structure shows.
/// </summary>
public static class SyntaxPrinter
{
    public static string Print(DeclarationSyntax declaration)
    {
        var parameters = string.Join(", ", declaration.Parameters.Select(Parameter));
        var head = $"{declaration.Keyword} {declaration.Name}({parameters})";
        var inputs = declaration switch
        {
            NetworkSyntax network => (network.TokenIds ? "input tokens [" : "input [") + string.Join(", ", network.InputShape.Select(Expression)) + "]",
            BlockSyntax { Inputs.Count: > 0 } block => "input " + string.Join(", ", block.Inputs.Select(i => i.Name)),
            _ => null,
        };
        var lines = new[] { head + " {" }
            .Concat(inputs is null ? Array.Empty<string>() : new[] { "  " + inputs })
            .Concat(declaration.Body.Statements.Select(s => "  " + Statement(s)))
            .Concat(new[] { "}" });
        return string.Join("\n", lines);
    }

    private static string Parameter(ParameterSyntax parameter) =>
        parameter.Name + (parameter.TypeName is null ? "" : ": " + parameter.TypeName) + (parameter.Default is null ? "" : " = " + Expression(parameter.Default));

    private static string Statement(StatementSyntax statement) => statement switch
    {
        BindingSyntax binding => $"{binding.Name} = {Expression(binding.Value)}",
        TupleBindingSyntax tuple => $"({string.Join(", ", tuple.Names.Select(n => n.Name))}) = {Expression(tuple.Value)}",
        ExpressionStatementSyntax expression => Expression(expression.Expression),
        OutputStatementSyntax outputs => "output " + string.Join(", ", outputs.Outputs.Select(o => $"{o.Name}: {Expression(o.Value)}")),
        _ => $"<{statement.GetType().Name}>",
    };

    /// <summary>A label as written, quotes shown; a template as its parts, <c>"layer_{[i Add 1]}"</c>.</summary>
    private static string Label(LabeledSyntax labeled)
    {
        if (!labeled.Quoted) return labeled.Label;
        if (labeled.Template is not { } parts) return $"\"{labeled.Label}\"";
        return "\"" + string.Concat(parts.Select(p => p.Text ?? "{" + Expression(p.Expression!) + "}")) + "\"";
    }

    public static string Expression(ExpressionSyntax expression) => expression switch
    {
        NameSyntax name => name.Name,
        IntegerSyntax integer => integer.Value.ToString(CultureInfo.InvariantCulture),
        FloatSyntax number => number.Value.ToString("R", CultureInfo.InvariantCulture) + "f",
        BoolSyntax boolean => boolean.Value ? "true" : "false",
        CallSyntax call => $"{call.Name}({string.Join(", ", call.Arguments.Select(Expression))})",
        MemberSyntax member => $"{Expression(member.Target)}.{member.Member}",
        MethodCallSyntax method => $"{(method.Target is null ? "" : Expression(method.Target))}.{method.Name}({string.Join(", ", method.Arguments.Select(Expression))})",
        IndexSyntax index => $"{Expression(index.Target)}[{string.Join(", ", index.Items.Select(Item))}]",
        PipelineSyntax pipeline => string.Join(" |> ", pipeline.Stages.Select(Expression)),
        BinarySyntax binary => $"[{Expression(binary.Left)} {binary.Operator} {Expression(binary.Right)}]",
        UnarySyntax unary => $"{unary.Operator}({Expression(unary.Operand)})",
        LabeledSyntax labeled => $"{Label(labeled)}: {Expression(labeled.Value)}",
        ComprehensionSyntax comprehension => $"[{Expression(comprehension.Value)} for {comprehension.Index} in {Expression(comprehension.Count)}]",
        ConditionalSyntax conditional => $"[{Expression(conditional.Value)} if {Expression(conditional.Condition)}{(conditional.Else is null ? "" : " else " + Expression(conditional.Else))}]",
        TupleSyntax tuple => $"tuple({string.Join(", ", tuple.Items.Select(Expression))})",
        ParenthesizedSyntax parenthesized => $"({Expression(parenthesized.Inner)})",
        GroupSyntax group => "{ " + string.Join("; ", group.Body.Statements.Select(Statement)) + " }",
        ParallelSyntax parallel => $"parallel {Expression(parallel.Count)} {{ " + string.Join("; ", parallel.Body.Statements.Select(Statement)) + " }",
        _ => $"<{expression.GetType().Name}>",
    };

    private static string Item(IndexItemSyntax item) => item.IsSlice
        ? $"{Optional(item.Start)}:{Optional(item.Stop)}:{Optional(item.Step)}"
        : Expression(item.Start!);

    private static string Optional(ExpressionSyntax? expression) => expression is null ? "" : Expression(expression);
}
