using System.Collections.Generic;
using System.Linq;
using NetDsl.Collections;

namespace NetDsl.Syntax;

/// <summary>
/// The expressions inside a statement or an expression, for walks over the syntax tree that look for names (the
/// blocks a declaration reaches, the names a failed statement still uses). A walk asks for the statements of a group's
/// or parallel's body itself (<see cref="BodyOf"/>): whether it enters a nested body is its own choice.
/// </summary>
internal static class SyntaxChildren
{
    /// <summary>The expression a statement evaluates; an output statement's values as one tuple.</summary>
    public static ExpressionSyntax? ValueOf(StatementSyntax statement) => statement switch
    {
        BindingSyntax binding => binding.Value,
        TupleBindingSyntax tuple => tuple.Value,
        ExpressionStatementSyntax expression => expression.Expression,
        OutputStatementSyntax outputs => new TupleSyntax(outputs.Outputs.Select(o => o.Value).ToEquatableArray(), outputs.Range),
        _ => null,
    };

    /// <summary>The expressions directly inside <paramref name="expression"/>, not those of a nested group's or parallel's body.</summary>
    public static IEnumerable<ExpressionSyntax> Of(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case MemberSyntax member:
                yield return member.Target;
                break;
            case CallSyntax call:
                foreach (var argument in call.Arguments) yield return argument;
                break;
            case MethodCallSyntax method:
                if (method.Target is not null) yield return method.Target;
                foreach (var argument in method.Arguments) yield return argument;
                break;
            case IndexSyntax index:
                yield return index.Target;
                foreach (var item in index.Items)
                {
                    if (item.Start is not null) yield return item.Start;
                    if (item.Stop is not null) yield return item.Stop;
                    if (item.Step is not null) yield return item.Step;
                }
                break;
            case BinarySyntax binary:
                yield return binary.Left;
                yield return binary.Right;
                break;
            case PipelineSyntax pipeline:
                foreach (var stage in pipeline.Stages) yield return stage;
                break;
            case UnarySyntax unary:
                yield return unary.Operand;
                break;
            case LabeledSyntax labeled:
                yield return labeled.Value;
                break;
            case ConditionalSyntax conditional:
                yield return conditional.Value;
                yield return conditional.Condition;
                if (conditional.Else is not null) yield return conditional.Else;
                break;
            case ComprehensionSyntax comprehension:
                yield return comprehension.Value;
                yield return comprehension.Count;
                break;
            case TupleSyntax tuple:
                foreach (var item in tuple.Items) yield return item;
                break;
            case ParenthesizedSyntax parenthesized:
                yield return parenthesized.Inner;
                break;
            case ParallelSyntax parallel:
                yield return parallel.Count;
                break;
        }
    }

    /// <summary>The body of a group or parallel, or null.</summary>
    public static BodySyntax? BodyOf(ExpressionSyntax expression) => expression switch
    {
        GroupSyntax group => group.Body,
        ParallelSyntax parallel => parallel.Body,
        _ => null,
    };
}
