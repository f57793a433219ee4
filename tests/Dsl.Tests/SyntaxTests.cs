using System.Collections.Generic;
using System.Linq;
using NetDsl.Diagnostics;
using NetDsl.DslTests.Infrastructure;
using NetDsl.Syntax;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>The lexer and parser on their own: every construct parses to the tree it should.</summary>
public sealed class SyntaxTests
{
    private static (FileSyntax File, IReadOnlyList<DslDiagnostic> Diagnostics) Parse(string text)
    {
        var bag = new DiagnosticBag();
        var file = Parser.Parse(new SourceText(TestCompiler.DefaultPath, text), bag);
        return (file, bag.Items);
    }

    private static FileSyntax ParseClean(string text)
    {
        var (file, diagnostics) = Parse(text);
        Assert.Empty(diagnostics.Select(d => d.ToString()));
        return file;
    }

    private static List<Token> Lex(string text)
    {
        var bag = new DiagnosticBag();
        var tokens = new Lexer(new SourceText(TestCompiler.DefaultPath, text), bag).Tokenize();
        Assert.Empty(bag.Items.Select(d => d.ToString()));
        return tokens;
    }

    /// <summary>The stages of a pipeline <c>a |> b |> c</c> (one flat node); a non-pipeline is one stage.</summary>
    private static IReadOnlyList<ExpressionSyntax> Stages(ExpressionSyntax expression) =>
        expression is PipelineSyntax pipeline ? pipeline.Stages.ToArray() : new[] { expression };

    private static ExpressionSyntax Statement(string body, int index = 0)
    {
        var file = ParseClean("network N {\n  input [3, 8, 8]\n" + body + "\n}\n");
        var statement = Assert.IsType<NetworkSyntax>(Assert.Single(file.Declarations)).Body.Statements[index];
        return Assert.IsType<ExpressionStatementSyntax>(statement).Expression;
    }

    [Fact]
    public void The_tour_of_every_construct_parses_without_diagnostics()
    {
        var file = ParseClean(Samples.Tour);

        Assert.Equal(new[] { "Fire", "SE", "Down", "Cell", "Scale", "Small" }, file.Declarations.Select(d => d.Name));
        Assert.Equal(new[] { "block", "block", "block", "block", "block", "network" }, file.Declarations.Select(d => d.Keyword));
        var small = Assert.IsType<NetworkSyntax>(file.Declarations[5]);
        Assert.Equal(3, small.InputShape.Count);
        Assert.Equal(8, small.Body.Statements.Count);
    }

    [Fact]
    public void The_tour_compiles_without_diagnostics_to_a_class_per_network_and_block()
    {
        var result = TestCompiler.Compile(Samples.Tour);

        result.AssertNoDiagnostics();
        Assert.Equal(new[] { "Cell.g.cs", "Down.g.cs", "Fire.g.cs", "NetDslLayers.g.cs", "SE.g.cs", "Scale.g.cs", "Small.g.cs" }, result.HintNames);
    }

    [Fact]
    public void A_label_binds_to_the_single_term_after_it()
    {
        var stages = Stages(Statement("  squeeze: conv(8, 1) |> relu"));

        Assert.Equal(2, stages.Count);
        var labeled = Assert.IsType<LabeledSyntax>(stages[0]);
        Assert.Equal("squeeze", labeled.Label);
        Assert.Equal("conv", Assert.IsType<CallSyntax>(labeled.Value).Name);
        Assert.Equal("relu", Assert.IsType<NameSyntax>(stages[1]).Name);
    }

    [Fact]
    public void A_binding_names_a_value()
    {
        var file = ParseClean("block B {\n  shortcut = input |> conv(8, 1)\n  relu + shortcut\n}\n");

        var binding = Assert.IsType<BindingSyntax>(file.Declarations[0].Body.Statements[0]);
        Assert.Equal("shortcut", binding.Name);
        Assert.Equal(2, Stages(binding.Value).Count);
    }

    [Fact]
    public void Named_arguments_are_labeled_arguments_of_the_call()
    {
        var call = Assert.IsType<CallSyntax>(Statement("  conv(16, 3, stride: 2, padding: same)"));

        Assert.Equal(4, call.Arguments.Count);
        var stride = Assert.IsType<LabeledSyntax>(call.Arguments[2]);
        Assert.Equal("stride", stride.Label);
        Assert.Equal(2, Assert.IsType<IntegerSyntax>(stride.Value).Value);
        Assert.Equal("same", Assert.IsType<NameSyntax>(Assert.IsType<LabeledSyntax>(call.Arguments[3]).Value).Name);
    }

    [Fact]
    public void Repetition_is_a_multiplication_of_a_layer_by_a_count()
    {
        var repeat = Assert.IsType<BinarySyntax>(Statement("  Fire(16, 32, 32) * 2"));

        Assert.Equal(BinaryOperator.Multiply, repeat.Operator);
        Assert.Equal("Fire", Assert.IsType<CallSyntax>(repeat.Left).Name);
        Assert.Equal(2, Assert.IsType<IntegerSyntax>(repeat.Right).Value);
    }

    [Fact]
    public void Parallel_takes_a_count_and_a_body()
    {
        var add = Assert.IsType<CallSyntax>(Statement("  add(branches: parallel 4 { conv(8, 1) |> relu })"));

        var labeled = Assert.IsType<LabeledSyntax>(Assert.Single(add.Arguments));
        var parallel = Assert.IsType<ParallelSyntax>(labeled.Value);
        Assert.Equal(4, Assert.IsType<IntegerSyntax>(parallel.Count).Value);
        Assert.Single(parallel.Body.Statements);
    }

    [Fact]
    public void A_conditional_layer_holds_its_condition()
    {
        var stages = Stages(Statement("  input |> relu if 2 > 1 |> bn"));

        Assert.Equal(3, stages.Count);
        var conditional = Assert.IsType<ConditionalSyntax>(stages[1]);
        Assert.Equal("relu", Assert.IsType<NameSyntax>(conditional.Value).Name);
        Assert.Equal(BinaryOperator.Greater, Assert.IsType<BinarySyntax>(conditional.Condition).Operator);
    }

    [Fact]
    public void A_tuple_pipes_into_a_multi_input_block()
    {
        var stages = Stages(Statement("  (input, input) |> Cell(4)"));

        Assert.Equal(2, Assert.IsType<TupleSyntax>(stages[0]).Items.Count);
        Assert.Equal("Cell", Assert.IsType<CallSyntax>(stages[1]).Name);
    }

    [Fact]
    public void A_long_pipeline_is_one_flat_node()
    {
        var stages = Stages(Statement("  " + string.Join(" |> ", Enumerable.Repeat("relu", 500))));

        Assert.Equal(500, stages.Count);
    }

    [Fact]
    public void If_else_and_star_labels_parse()
    {
        var file = ParseClean("""
            block D(n) = layer*: relu * n
            block R(stride = 1) {
              body = input |> conv(8, 1)
              input + body if stride == 1 else body
            }
            """);

        var star = Assert.IsType<LabeledSyntax>(Assert.IsType<ExpressionStatementSyntax>(file.Declarations[0].Body.Statements[0]).Expression);
        Assert.Equal("layer*", star.Label);
        var conditional = Assert.IsType<ConditionalSyntax>(Assert.IsType<ExpressionStatementSyntax>(file.Declarations[1].Body.Statements[1]).Expression);
        Assert.Equal(BinaryOperator.Add, Assert.IsType<BinarySyntax>(conditional.Value).Operator);
        Assert.Equal("body", Assert.IsType<NameSyntax>(conditional.Else).Name);
    }

    [Fact]
    public void One_parenthesised_item_is_a_parenthesis_and_a_trailing_comma_makes_a_tuple()
    {
        Assert.IsType<ParenthesizedSyntax>(Statement("  (relu)"));
        Assert.Single(Assert.IsType<TupleSyntax>(Statement("  (relu,)")).Items);
    }

    [Fact]
    public void Block_forms_declare_parameters_inputs_and_types()
    {
        var file = ParseClean("""
            block Cell(f = 8) {
              input x, prev
              concat(x, prev)
            }
            block Scale(gain: float = 0.5, on: bool = true, n: int) = dropout(gain)
            """);

        var cell = Assert.IsType<BlockSyntax>(file.Declarations[0]);
        Assert.Equal(new[] { "x", "prev" }, cell.Inputs.Select(i => i.Name));
        var scale = Assert.IsType<BlockSyntax>(file.Declarations[1]);
        Assert.Empty(scale.Inputs);
        Assert.Equal(new[] { "float", "bool", "int" }, scale.Parameters.Select(p => p.TypeName));
        Assert.Equal(0.5, Assert.IsType<FloatSyntax>(scale.Parameters[0].Default).Value);
        Assert.Null(scale.Parameters[2].Default);
        Assert.Single(scale.Body.Statements);
    }

    [Fact]
    public void Arithmetic_binds_tighter_than_comparison_then_logic_then_pipe()
    {
        var stages = Stages(Statement("  conv(1 + 2 * 3, 1) |> relu if not 1 - 1 < 2 and true or false"));
        Assert.Equal(2, stages.Count);

        var sum = Assert.IsType<BinarySyntax>(Assert.IsType<CallSyntax>(stages[0]).Arguments[0]);
        Assert.Equal(BinaryOperator.Add, sum.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinarySyntax>(sum.Right).Operator);

        var condition = Assert.IsType<BinarySyntax>(Assert.IsType<ConditionalSyntax>(stages[1]).Condition);
        Assert.Equal(BinaryOperator.Or, condition.Operator);
        var and = Assert.IsType<BinarySyntax>(condition.Left);
        Assert.Equal(BinaryOperator.And, and.Operator);
        // 'not' binds looser than comparisons, as in Python: not ((1 - 1) < 2).
        var not = Assert.IsType<UnarySyntax>(and.Left);
        Assert.Equal(UnaryOperator.Not, not.Operator);
        var less = Assert.IsType<BinarySyntax>(not.Operand);
        Assert.Equal(BinaryOperator.Less, less.Operator);
        Assert.Equal(BinaryOperator.Subtract, Assert.IsType<BinarySyntax>(less.Left).Operator);
    }

    [Fact]
    public void Merge_operators_bind_tighter_than_the_pipe()
    {
        var stages = Stages(Statement("  input |> maxpool(2) + conv(8, 1, stride: 2)"));

        Assert.Equal(2, stages.Count);
        Assert.Equal(BinaryOperator.Add, Assert.IsType<BinarySyntax>(stages[1]).Operator);
    }

    [Fact]
    public void Member_access_reads_sizes()
    {
        var call = Assert.IsType<CallSyntax>(Statement("  linear(input.channels / 4)"));

        var divide = Assert.IsType<BinarySyntax>(call.Arguments[0]);
        var member = Assert.IsType<MemberSyntax>(divide.Left);
        Assert.Equal("channels", member.Member);
        Assert.Equal("input", Assert.IsType<NameSyntax>(member.Target).Name);
    }

    [Fact]
    public void Newlines_inside_parentheses_a_leading_pipe_and_a_backslash_continue_a_statement()
    {
        var file = ParseClean("""
            network N {
              input [3, 8, 8]
              concat(conv(4, 1),
                     conv(4, 1))
              relu
              |> bn
              conv(4, \
                   1)
            }
            """);

        Assert.Equal(3, file.Declarations[0].Body.Statements.Count);
    }

    [Fact]
    public void Comments_run_to_the_end_of_the_line()
    {
        var file = ParseClean("# a file comment\nnetwork N { # after a brace\n  input [3, 8, 8] # after the shape\n  relu # relu ( [ { unbalanced\n}\n");

        Assert.Single(file.Declarations[0].Body.Statements);
    }

    [Fact]
    public void Braces_may_share_a_line_with_statements()
    {
        var file = ParseClean("network N { input [3, 8, 8]\n  relu }\n");

        Assert.Single(file.Declarations[0].Body.Statements);
    }

    [Theory]
    [InlineData("1_000", TokenKind.Integer, "1000")]
    [InlineData("0.5", TokenKind.Float, "0.5")]
    [InlineData(".5", TokenKind.Float, ".5")]
    [InlineData("1.", TokenKind.Float, "1.")]
    [InlineData("1e-3", TokenKind.Float, "1e-3")]
    [InlineData("2E+2", TokenKind.Float, "2E+2")]
    [InlineData("9223372036854775807", TokenKind.Integer, "9223372036854775807")]
    public void Numbers_lex_as_written(string text, TokenKind kind, string value)
    {
        var token = Lex(text)[0];

        Assert.Equal(kind, token.Kind);
        Assert.Equal(value, token.Text);
        Assert.Equal(text.Length, token.Length);
    }

    [Fact]
    public void A_member_after_a_name_is_not_a_float()
    {
        var kinds = Lex("x.channels 1.e").Select(t => t.Kind).ToArray();

        Assert.Equal(new[] { TokenKind.Identifier, TokenKind.Dot, TokenKind.Identifier, TokenKind.Integer, TokenKind.Dot, TokenKind.Identifier, TokenKind.EndOfFile }, kinds);
    }

    [Fact]
    public void Operators_and_keywords_lex_to_their_kinds()
    {
        var kinds = Lex("network block input if parallel true false and or not |> == != <= >= < > = + - * / % : , . ( ) [ ] { }")
            .Select(t => t.Kind).ToArray();

        Assert.Equal(new[]
        {
            TokenKind.Network, TokenKind.Block, TokenKind.Input, TokenKind.If, TokenKind.Parallel, TokenKind.True, TokenKind.False,
            TokenKind.And, TokenKind.Or, TokenKind.Not, TokenKind.Pipe, TokenKind.EqualsEquals, TokenKind.NotEquals, TokenKind.LessEquals,
            TokenKind.GreaterEquals, TokenKind.Less, TokenKind.Greater, TokenKind.Equals, TokenKind.Plus, TokenKind.Minus, TokenKind.Star,
            TokenKind.Slash, TokenKind.Percent, TokenKind.Colon, TokenKind.Comma, TokenKind.Dot, TokenKind.OpenParen, TokenKind.CloseParen,
            TokenKind.OpenBracket, TokenKind.CloseBracket, TokenKind.OpenBrace, TokenKind.CloseBrace, TokenKind.EndOfFile,
        }, kinds);
    }

    [Fact]
    public void Newlines_inside_parentheses_are_dropped_and_blank_lines_collapse()
    {
        var kinds = Lex("a(\n\n b)\n\n\nc").Select(t => t.Kind).ToArray();

        Assert.Equal(new[] { TokenKind.Identifier, TokenKind.OpenParen, TokenKind.Identifier, TokenKind.CloseParen, TokenKind.NewLine, TokenKind.Identifier, TokenKind.EndOfFile }, kinds);
    }

    [Fact]
    public void Spans_count_lines_after_CRLF_and_a_byte_order_mark_and_tabs_as_one_column()
    {
        var crlf = new MarkedSource("\uFEFFnetwork N {\r\n  input [3, 8, 8]\r\n  conv(4, 3) |> [|foo|]\r\n}\r\n");
        var diagnostic = Assert.Single(TestCompiler.Compile(crlf).Diagnostics);
        Assert.Equal(crlf.Span, diagnostic.Span);
        Assert.Equal((2, 16), (diagnostic.Span.StartLine, diagnostic.Span.StartColumn));

        var tabs = new MarkedSource("network N {\n\tinput [3, 8, 8]\n\tconv(4, 3) |> [|foo|]\n}\n");
        var tabbed = Assert.Single(TestCompiler.Compile(tabs).Diagnostics);
        Assert.Equal(tabs.Span, tabbed.Span);
        Assert.Equal((2, 15), (tabbed.Span.StartLine, tabbed.Span.StartColumn));
    }
}
