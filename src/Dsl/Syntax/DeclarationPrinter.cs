using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetDsl.Syntax;

/// <summary>
/// Prints declarations back to <c>.net</c> text from their syntax trees, in the formatter's canonical layout (tests hold
/// it to <c>DslFormatter</c>, which the generator does not include), whichever
/// front-end made them (a <c>.net</c> file or a <c>[Network]</c> class): the text a generated network embeds
/// (docs/architecture.md, "The declaration travels with the module"). Parsing the text gives the same declarations:
/// the same names, arguments and structure (comments and the original layout are not kept).
/// </summary>
public static class DeclarationPrinter
{
    /// <summary>The declarations, one after another, separated by a blank line.</summary>
    public static string Print(IEnumerable<DeclarationSyntax> declarations)
    {
        var text = new StringBuilder();
        foreach (var declaration in declarations)
        {
            if (text.Length > 0) text.Append('\n');
            new Writer(text).Declaration(declaration);
        }
        return text.ToString();
    }

    /// <summary>Binding strength, loosest first, as the parser reads them.</summary>
    private enum Level
    {
        Pipeline,
        Stage,
        Comprehension,
        Condition,
        Or,
        And,
        Not,
        Comparison,
        Additive,
        Multiplicative,
        Unary,
        Postfix,
    }

    private sealed class Writer
    {
        private readonly StringBuilder _text;
        private int _indent;

        public Writer(StringBuilder text) => _text = text;

        public void Declaration(DeclarationSyntax declaration)
        {
            _text.Append(declaration.Keyword).Append(' ').Append(declaration.Name);
            if (declaration.Parameters.Count > 0)
            {
                _text.Append('(');
                for (var i = 0; i < declaration.Parameters.Count; i++)
                {
                    if (i > 0) _text.Append(", ");
                    var parameter = declaration.Parameters[i];
                    _text.Append(parameter.Name);
                    if (parameter.TypeName is not null) _text.Append(": ").Append(parameter.TypeName);
                    if (parameter.Default is not null)
                    {
                        _text.Append(" = ");
                        Expression(parameter.Default, Level.Condition);
                    }
                }
                _text.Append(')');
            }
            _text.Append(" {\n");
            _indent++;
            if (declaration is NetworkSyntax network)
            {
                Indent();
                _text.Append(network.TokenIds ? "input tokens [" : "input [");
                List(network.InputShape);
                _text.Append("]\n");
            }
            else if (declaration is BlockSyntax { Inputs.Count: > 0 } block)
            {
                Indent();
                _text.Append("input ").Append(string.Join(", ", block.Inputs.Select(i => i.Name))).Append('\n');
            }
            Statements(declaration.Body);
            _indent--;
            _text.Append("}\n");
        }

        private void Statements(BodySyntax body)
        {
            foreach (var statement in body.Statements)
            {
                Indent();
                Statement(statement);
                _text.Append('\n');
            }
        }

        private void Statement(StatementSyntax statement)
        {
            switch (statement)
            {
                case BindingSyntax binding:
                    _text.Append(binding.Name).Append(" = ");
                    Expression(binding.Value, Level.Pipeline);
                    break;
                case TupleBindingSyntax tuple:
                    _text.Append('(').Append(string.Join(", ", tuple.Names.Select(n => n.Name))).Append(") = ");
                    Expression(tuple.Value, Level.Pipeline);
                    break;
                case OutputStatementSyntax output:
                    _text.Append("output ");
                    for (var i = 0; i < output.Outputs.Count; i++)
                    {
                        if (i > 0) _text.Append(", ");
                        var item = output.Outputs[i];
                        _text.Append(item.Name).Append(": ");
                        // The parser reads 'a |> b if training' as the whole output's condition: print it back that way.
                        if (item.Value is ConditionalSyntax { Else: null, Value: PipelineSyntax pipeline } whole)
                        {
                            Stages(pipeline);
                            _text.Append(" if ");
                            Expression(whole.Condition, Level.Or);
                        }
                        else Expression(item.Value, Level.Pipeline);
                    }
                    break;
                case ExpressionStatementSyntax expression:
                    Expression(expression.Expression, Level.Pipeline);
                    break;
            }
        }

        private void Stages(PipelineSyntax pipeline)
        {
            for (var i = 0; i < pipeline.Stages.Count; i++)
            {
                if (i > 0) _text.Append(" |> ");
                Expression(pipeline.Stages[i], Level.Stage);
            }
        }

        private void Expression(ExpressionSyntax expression, Level context)
        {
            var level = LevelOf(expression);
            var wrap = level < context;
            if (wrap) _text.Append('(');
            Write(expression);
            if (wrap) _text.Append(')');
        }

        private static Level LevelOf(ExpressionSyntax expression) => expression switch
        {
            PipelineSyntax => Level.Pipeline,
            LabeledSyntax => Level.Stage,
            ComprehensionSyntax => Level.Comprehension,
            ConditionalSyntax => Level.Condition,
            BinarySyntax { Operator: BinaryOperator.Or } => Level.Or,
            BinarySyntax { Operator: BinaryOperator.And } => Level.And,
            UnarySyntax { Operator: UnaryOperator.Not } => Level.Not,
            BinarySyntax { Operator: BinaryOperator.Add or BinaryOperator.Subtract } => Level.Additive,
            BinarySyntax { Operator: BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Modulo } => Level.Multiplicative,
            BinarySyntax => Level.Comparison,
            UnarySyntax => Level.Unary,
            _ => Level.Postfix,
        };

        private void Write(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case NameSyntax name:
                    _text.Append(name.Name);
                    break;
                case IntegerSyntax integer:
                    _text.Append(integer.Value.ToString(CultureInfo.InvariantCulture));
                    break;
                case FloatSyntax number:
                    _text.Append(FloatText(number));
                    break;
                case BoolSyntax boolean:
                    _text.Append(boolean.Value ? "true" : "false");
                    break;
                case CallSyntax call:
                    _text.Append(call.Name).Append('(');
                    List(call.Arguments);
                    _text.Append(')');
                    break;
                case MemberSyntax member:
                    Expression(member.Target, Level.Postfix);
                    _text.Append('.').Append(member.Member);
                    break;
                case MethodCallSyntax method:
                    if (method.Target is not null) Expression(method.Target, Level.Postfix);
                    _text.Append('.').Append(method.Name);
                    // 'x.permute' without parentheses would be a size read; '.flatten' and '.flatten()' are the same stage.
                    if (method.Target is not null || method.Arguments.Count > 0)
                    {
                        _text.Append('(');
                        List(method.Arguments);
                        _text.Append(')');
                    }
                    break;
                case IndexSyntax index:
                    Expression(index.Target, Level.Postfix);
                    _text.Append('[');
                    for (var i = 0; i < index.Items.Count; i++)
                    {
                        if (i > 0) _text.Append(", ");
                        var item = index.Items[i];
                        if (item.Start is not null) Expression(item.Start, Level.Condition);
                        if (!item.IsSlice) continue;
                        _text.Append(':');
                        if (item.Stop is not null) Expression(item.Stop, Level.Condition);
                        if (item.Step is null) continue;
                        _text.Append(':');
                        Expression(item.Step, Level.Condition);
                    }
                    _text.Append(']');
                    break;
                case PipelineSyntax pipeline:
                    Stages(pipeline);
                    break;
                case BinarySyntax binary:
                {
                    var level = LevelOf(binary);
                    // Left-associative chains, except comparisons, which do not chain.
                    Expression(binary.Left, level == Level.Comparison ? level + 1 : level);
                    _text.Append(' ').Append(binary.Operator.Spelling()).Append(' ');
                    Expression(binary.Right, level + 1);
                    break;
                }
                case UnarySyntax unary:
                    _text.Append(unary.Operator == UnaryOperator.Not ? "not " : "-");
                    Expression(unary.Operand, unary.Operator == UnaryOperator.Not ? Level.Not : Level.Unary);
                    break;
                case LabeledSyntax labeled:
                    _text.Append(Label(labeled)).Append(": ");
                    Expression(labeled.Value, Level.Comprehension);
                    break;
                case ComprehensionSyntax comprehension:
                    Expression(comprehension.Value, Level.Condition);
                    _text.Append(" for ").Append(comprehension.Index).Append(" in ");
                    Expression(comprehension.Count, Level.Or);
                    break;
                case ConditionalSyntax conditional:
                    Expression(conditional.Value, Level.Or);
                    _text.Append(" if ");
                    Expression(conditional.Condition, Level.Or);
                    if (conditional.Else is not null)
                    {
                        _text.Append(" else ");
                        Expression(conditional.Else, Level.Condition);
                    }
                    break;
                case TupleSyntax tuple:
                    _text.Append('(');
                    List(tuple.Items);
                    if (tuple.Items.Count == 1) _text.Append(',');
                    _text.Append(')');
                    break;
                case ParenthesizedSyntax parenthesized:
                    _text.Append('(');
                    Expression(parenthesized.Inner, Level.Pipeline);
                    _text.Append(')');
                    break;
                case GroupSyntax group:
                    Body(group.Body);
                    break;
                case ParallelSyntax parallel:
                    _text.Append("parallel ");
                    Expression(parallel.Count, Level.Unary);
                    _text.Append(' ');
                    Body(parallel.Body);
                    break;
            }
        }

        private void Body(BodySyntax body)
        {
            _text.Append("{\n");
            _indent++;
            Statements(body);
            _indent--;
            Indent();
            _text.Append('}');
        }

        private void List(IReadOnlyList<ExpressionSyntax> items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0) _text.Append(", ");
                Expression(items[i], Level.Pipeline);
            }
        }

        private void Indent() => _text.Append(' ', _indent * 2);

        private static string FloatText(FloatSyntax number)
        {
            if (!string.IsNullOrEmpty(number.Text) && double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed == number.Value && number.Text.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0)
                return number.Text;
            return NumberText.Float(number.Value);
        }

        /// <summary>A label as the parser reads it back: bare when it is a name (or <c>name*</c>, <c>*</c>), else quoted.</summary>
        private static string Label(LabeledSyntax labeled)
        {
            var label = labeled.Label;
            // A quoted label that is a name means that name: printed bare, so one meaning has one text.
            if (labeled.Template is null && Labels.IsIdentifier(label)) return label;
            if (!labeled.Quoted && (label == "*" || Labels.IsIdentifier(label.TrimEnd('*')))) return label;
            if (labeled.Template is not null) return "\"" + label + "\"";
            var quoted = new StringBuilder("\"");
            foreach (var c in label)
            {
                quoted.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '{' => "{{",
                    '}' => "}}",
                    _ => c.ToString(),
                });
            }
            return quoted.Append('"').ToString();
        }
    }
}
