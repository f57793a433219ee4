using System.Collections.Generic;
using System.Linq;
using NetDsl.Diagnostics;
using NetDsl.DslTests.Infrastructure;
using NetDsl.Syntax;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// The syntax of the shape model and functions on its own: symbolic and token inputs, methods on values and as
/// pipeline stages, indexing with selects and slices, and tuple bindings parse to the trees they should.
/// </summary>
public sealed class FunctionSyntaxTests
{
    private static (FileSyntax File, IReadOnlyList<DslDiagnostic> Diagnostics) Parse(string text)
    {
        var bag = new DiagnosticBag();
        var file = Parser.Parse(new SourceText(TestCompiler.DefaultPath, text), bag);
        return (file, bag.Items);
    }

    private static NetworkSyntax Network(string input, string body)
    {
        var (file, diagnostics) = Parse($"network N {{\n  input {input}\n{body}\n}}\n");
        Assert.Empty(diagnostics.Select(d => d.ToString()));
        return Assert.IsType<NetworkSyntax>(Assert.Single(file.Declarations));
    }

    private static ExpressionSyntax Expression(string body) =>
        Assert.IsType<ExpressionStatementSyntax>(Assert.Single(Network("[3, 8, 8]", body).Body.Statements)).Expression;

    [Fact]
    public void A_symbolic_input_size_is_a_name_and_its_bound()
    {
        var network = Network("[t <= context * 2, 64]", "  relu");

        var symbolic = Assert.IsType<BinarySyntax>(network.InputShape[0]);
        Assert.Equal(BinaryOperator.LessOrEqual, symbolic.Operator);
        Assert.Equal("t", Assert.IsType<NameSyntax>(symbolic.Left).Name);
        Assert.IsType<BinarySyntax>(symbolic.Right);
        Assert.Equal(64, Assert.IsType<IntegerSyntax>(network.InputShape[1]).Value);
        Assert.False(network.TokenIds);
    }

    [Fact]
    public void Input_tokens_declares_token_ids_and_tokens_stays_a_name_elsewhere()
    {
        var network = Network("tokens [t <= 16]", "  tokens = input\n  tokens");

        Assert.True(network.TokenIds);
        Assert.Single(network.InputShape);
        Assert.IsType<BindingSyntax>(network.Body.Statements[0]);
    }

    [Fact]
    public void A_method_call_has_its_target_name_and_arguments()
    {
        var method = Assert.IsType<MethodCallSyntax>(Expression("  input.permute(1, 2, 0)"));

        Assert.Equal("permute", method.Name);
        Assert.Equal("input", Assert.IsType<NameSyntax>(method.Target).Name);
        Assert.Equal(new long[] { 1, 2, 0 }, method.Arguments.Select(a => Assert.IsType<IntegerSyntax>(a).Value));
    }

    [Fact]
    public void Methods_chain_left_to_right()
    {
        var outer = Assert.IsType<MethodCallSyntax>(Expression("  input.flatten(1).transpose(0, 1)"));

        Assert.Equal("transpose", outer.Name);
        Assert.Equal("flatten", Assert.IsType<MethodCallSyntax>(outer.Target).Name);
    }

    [Fact]
    public void A_stage_that_starts_with_a_dot_is_a_method_on_the_current_value()
    {
        var stages = Assert.IsType<PipelineSyntax>(Expression("  conv(8, 3) |> .flatten(1) |> .permute(1, 0) |> .softmax")).Stages;

        var flatten = Assert.IsType<MethodCallSyntax>(stages[1]);
        Assert.Null(flatten.Target);
        Assert.Equal("flatten", flatten.Name);
        var bare = Assert.IsType<MethodCallSyntax>(stages[3]);
        Assert.Equal("softmax", bare.Name);
        Assert.Empty(bare.Arguments);
    }

    [Fact]
    public void Sizes_are_members_and_size_is_a_method()
    {
        var sum = Assert.IsType<BinarySyntax>(Assert.IsType<CallSyntax>(Expression("  linear(input.rank + input.size(-1))")).Arguments[0]);

        Assert.Equal("rank", Assert.IsType<MemberSyntax>(sum.Left).Member);
        var size = Assert.IsType<MethodCallSyntax>(sum.Right);
        Assert.Equal("size", size.Name);
        Assert.IsType<UnarySyntax>(Assert.Single(size.Arguments));
    }

    [Fact]
    public void An_index_holds_selects_and_slices_with_any_part_left_out()
    {
        var index = Assert.IsType<IndexSyntax>(Expression("  input[0, 1::2, :-1, ::3, :]"));

        Assert.Equal("input", Assert.IsType<NameSyntax>(index.Target).Name);
        var items = index.Items;
        Assert.Equal(5, items.Count);
        Assert.False(items[0].IsSlice);
        Assert.Equal(0, Assert.IsType<IntegerSyntax>(items[0].Start).Value);
        Assert.True(items[1].IsSlice);
        Assert.Equal(1, Assert.IsType<IntegerSyntax>(items[1].Start).Value);
        Assert.Null(items[1].Stop);
        Assert.Equal(2, Assert.IsType<IntegerSyntax>(items[1].Step).Value);
        Assert.Null(items[2].Start);
        Assert.IsType<UnarySyntax>(items[2].Stop);
        Assert.Equal(3, Assert.IsType<IntegerSyntax>(items[3].Step).Value);
        Assert.True(items[4].IsSlice && items[4].Start is null && items[4].Stop is null && items[4].Step is null);
    }

    [Fact]
    public void An_index_needs_its_bracket_right_after_the_value()
    {
        var (_, diagnostics) = Parse("network N {\n  input [3, 8, 8]\n  x = input [0]\n  x\n}\n");

        Assert.Equal("ND0002", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void A_tuple_binding_names_each_value()
    {
        var binding = Assert.IsType<TupleBindingSyntax>(Network("[3, 8, 8]", "  (a, b) = input.chunk(2)\n  a + b").Body.Statements[0]);

        Assert.Equal(new[] { "a", "b" }, binding.Names.Select(n => n.Name));
        Assert.Equal("chunk", Assert.IsType<MethodCallSyntax>(binding.Value).Name);
    }

    [Fact]
    public void A_parenthesised_tuple_without_equals_is_still_an_expression()
    {
        var tuple = Assert.IsType<PipelineSyntax>(Expression("  (input, input) |> concat")).Stages[0];

        Assert.IsType<TupleSyntax>(tuple);
    }

    [Fact]
    public void Deeply_nested_indexes_are_refused_like_other_deep_nesting()
    {
        var text = "network N {\n  input [3, 8, 8]\n  x = input" + string.Concat(Enumerable.Repeat("[input", 200)) + string.Concat(Enumerable.Repeat("]", 200)) + "\n  x\n}\n";

        var (_, diagnostics) = Parse(text);

        Assert.Contains(diagnostics, d => d.Id == "ND0005");
    }
}
