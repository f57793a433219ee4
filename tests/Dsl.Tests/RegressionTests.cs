using System;
using System.Linq;
using System.Text;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>Regressions: bugs found in src/Dsl by testing and fuzzing, each pinned to the behaviour it must keep.</summary>
public sealed class RegressionTests
{
    private static string Net(string body, string input = "[3, 8, 8]") => $"network N {{\n  input {input}\n{body}\n}}\n";

    // ---- Crashes: DslCompiler.Compile promises never to throw on bad input. ----

    [Fact]
    public void Bug01_an_empty_tuple_as_the_last_statement_is_a_diagnostic_not_an_exception()
    {
        // Was: ArgumentOutOfRangeException in Lowerer.LowerBody (_scope.Output = multiple.Ids[0] with no ids).
        var result = TestCompiler.Compile("block B = ()\n");
        Assert.NotEmpty(result.Errors);

        var network = TestCompiler.Compile(Net("  ()"));
        Assert.NotEmpty(network.Errors);
    }

    [Fact]
    public void Bug02_a_depthwise_multiplier_that_overflows_is_ND0211_not_an_exception()
    {
        // Was: OverflowException from DepthwiseOp.Infer (checked(channels * multiplier)), which the checker does not catch.
        var source = new MarkedSource(Net("  [|depthwise(3, multiplier: 4611686018427387904)|]", input: "[2, 8, 8]"));
        var diagnostic = Assert.Single(TestCompiler.Compile(source).Diagnostics);
        Assert.Equal("ND0211", diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Span);
    }

    [Fact]
    public void Bug03_random_token_soup_never_throws()
    {
        var pieces = new[] { "network", "block", "input", "N", "B", "(", ")", "[", "]", "{", "}", ",", ":", ".", "=", "|>", "+", "*", "-", "if", "else",
            "parallel", "true", "3", "0", "2.5", "\n", "conv", "relu", "concat", "add", "x", "channels", "same", " ", "#", "linear", "flatten", "bn" };
        var random = new Random(42);
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder("network N {\n input [3, 8, 8]\n");
            for (var i = random.Next(1, 30); i > 0; i--) text.Append(pieces[random.Next(pieces.Length)]).Append(random.Next(3) == 0 ? " " : "");
            var exception = Record.Exception(() => TestCompiler.Compile(text.ToString()));
            Assert.True(exception is null, $"{text}\n{exception}");
        }
    }

    // ---- Wrong results ----

    [Fact]
    public void Bug04_the_size_of_a_named_value_can_be_read_inside_a_group()
    {
        // language.md and ND0116's own message: a group sees "the sizes of outer values, e.g. y.channels".
        // Was: ND0101 "'a' is not an op, a block or a value in scope" (named values are not found as outer values).
        var result = TestCompiler.Compile(Net("  a = conv(8, 1)\n  g: { conv(a.channels, 1) }\n  add(a, conv(8, 1))"));
        result.AssertNoDiagnostics();
    }

    [Fact]
    public void Bug05_a_named_value_used_inside_a_group_is_ND0116()
    {
        // Was: ND0101 at 'a' plus a false ND0111 "the value 'a' is never used".
        var source = new MarkedSource(Net("  a = conv(8, 1)\n  { conv(8, 1) |> add(input, [|a|]) }"));
        var diagnostic = Assert.Single(TestCompiler.Compile(source).Diagnostics);
        Assert.Equal("ND0116", diagnostic.Id);
        Assert.Equal(source.Span, diagnostic.Span);
    }

    [Fact]
    public void Bug06_an_empty_input_shape_is_reported()
    {
        // Was: no diagnostic at all, and no class for N: the network silently disappears.
        var result = TestCompiler.Compile("network N {\n  input []\n  relu\n}\n");
        Assert.Equal("ND0114", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Bug07_binding_a_name_to_several_values_or_none_is_reported()
    {
        // Was: 'x = (input, input)' and 'x = ()' are silently dropped; x is then simply unknown.
        Assert.NotEmpty(TestCompiler.Compile(Net("  x = (input, input)\n  relu")).Diagnostics);
        Assert.NotEmpty(TestCompiler.Compile(Net("  x = ()\n  relu")).Diagnostics);
    }

    [Fact]
    public void Bug08_a_network_that_hits_the_layer_limit_does_not_generate_a_huge_file()
    {
        // Was: ND0115 "more than 1,000,000 layers; NetDsl stops checking here", yet N.g.cs is emitted with every row
        // checked so far (about 190 MB of C#), which the generator would add to the user's compilation.
        var result = TestCompiler.Compile("block Deep = relu * 100000\n" + Net("  Deep * 11"));
        Assert.Contains("ND0115", result.Ids);
        Assert.All(result.Output.Sources, s => Assert.True(s.Text.Length < 1_000_000, $"{s.HintName}: {s.Text.Length:N0} characters"));
    }

    // ---- Cascades: "one typo yields one error" (Parser's contract) ----

    [Theory]
    [InlineData("  conv(99999999999999999999, 3)", "ND0003")]          // + ND0114 "needs at least 1 output channel, got 0" (the lexer substitutes 0)
    [InlineData("  dropout(1e999)", "ND0003")]                         // + ND0114 "got Infinity"
    [InlineData("  conv(4, 3) |> |> relu", "ND0002")]                  // + ND0002 "expected the end of the line, found 'relu'"
    [InlineData("  conv(4 3)", "ND0002")]                              // + ND0105 "needs the argument 'kernel'"
    [InlineData("  x: 3", "ND0108")]                                   // two ND0108 at the same place
    [InlineData("  r\u00e9lu", "ND0001")]                              // + ND0101 "'r' is not an op"
    public void Bug09_one_mistake_gives_one_diagnostic(string body, string id)
    {
        var result = TestCompiler.Compile(Net(body));
        Assert.Equal(new[] { id }, result.Ids);
    }

    [Fact]
    public void Bug10_a_parameter_without_its_default_expression_is_one_error()
    {
        // Was: ND0002 "expected an expression, found ')'" + ND0105 "network parameter 'x' needs a default".
        var result = TestCompiler.Compile("network A(x = ) {\n  input [3, 8, 8]\n  relu\n}\n");
        Assert.Equal(new[] { "ND0002" }, result.Ids);
    }

    [Fact]
    public void Bug11_an_incomplete_one_line_block_does_not_swallow_the_next_network()
    {
        // Was: three ND0002 ("found 'network'", "found 'B'" twice); network B is never checked (its ND0206 is lost)
        // and a class A is still generated.
        var result = TestCompiler.Compile("block A = \nnetwork B {\n  input [3, 8, 8]\n  linear(10)\n}\n");
        Assert.Equal(new[] { "ND0002", "ND0206" }, result.Ids);
    }

    [Fact]
    public void Bug12_a_missing_closing_parenthesis_is_one_error()
    {
        // Was: ND0108 at '3' ("3 |> relu" is parsed as a pipe) and two ND0002 at the same '}'.
        var result = TestCompiler.Compile(Net("  conv(4, 3 |> relu"));
        Assert.Equal(new[] { "ND0002" }, result.Ids);
    }

    [Fact]
    public void Bug13_too_deep_nesting_is_one_error_and_the_declaration_survives()
    {
        // Was: ND0005 plus three ND0002 at the end of the line; in a parameter default the rest of the declaration
        // is lost too (ND0002 "expected a parameter name, found the number 8", ...).
        var statement = TestCompiler.Compile(Net("  " + new string('(', 200) + "relu" + new string(')', 200)));
        Assert.Equal(new[] { "ND0005" }, statement.Ids);

        var parameter = TestCompiler.Compile("network N(k = " + new string('(', 200) + "1" + new string(')', 200) + ") {\n  input [3, 8, 8]\n  relu\n}\n");
        Assert.Equal(new[] { "ND0005" }, parameter.Ids);
    }

    // ---- Found by the attribute fuzzer (tests/Generator.Tests/AttributeFuzzTests.cs), which compiles the generated code ----

    [Fact]
    public void Bug14_a_block_calling_a_block_with_errors_is_not_generated()
    {
        // Was: S.g.cs was generated and named the class A, which is not (CS0246 in the generated file).
        var result = TestCompiler.Compile("block A = conv(8, 3, stride: 1.5)\nblock S = A\nblock T = S\n");
        Assert.Equal(new[] { "ND0108" }, result.Ids);
        Assert.DoesNotContain(result.HintNames, name => name is "A.g.cs" or "S.g.cs" or "T.g.cs");

        var syntax = TestCompiler.Compile("block A = conv(8, 3,, 1)\nblock S = A\n");
        Assert.Equal(new[] { "ND0002" }, syntax.Ids);
        Assert.DoesNotContain("S.g.cs", syntax.HintNames);
    }

    [Theory]
    [InlineData("block S(f, blocks = [|same|]) = conv(f, 1)\n", "a word")]
    [InlineData("block S(f, blocks = [|(1, 2)|]) = conv(f, 1)\n", "a pair of integers")]
    public void Bug15_a_parameter_default_that_is_a_word_or_a_pair_is_ND0108(string marked, string found)
    {
        // Was: accepted, the parameter typed int: the generated constructor had 'long blocks = "same"' (CS1750).
        var diagnostic = TestCompiler.Single(marked, "ND0108");
        Assert.Equal($"the default of 'blocks' must be a number or a bool, not {found}", diagnostic.Message);
    }

    [Fact]
    public void Bug16_a_network_parameter_whose_default_is_another_parameter_is_nullable_in_the_constructor()
    {
        // Was: 'public N(long n = 8, long blocks = n)', and the body read 'blocksValue', never declared (CS0103).
        var result = TestCompiler.Compile("network N(n = 8, blocks = n) {\n  input [3, 8, 8]\n  conv(blocks, 1)\n}\n");
        result.AssertNoDiagnostics();
        var code = result.Source("N.g.cs");
        Assert.Contains("public N(long n = 8, long? blocks = null) : base(\"N\")", code);
        Assert.Contains("var blocksValue = blocks ?? n;", code);
    }

    [Fact]
    public void Bug17_a_network_whose_constructor_needs_no_path_does_not_declare_it()
    {
        // Was: 'const string path = "";' in every network, an unused local (warning CS0219) when no layer reads it.
        var relu = TestCompiler.Compile(Net("  relu |> sigmoid"));
        relu.AssertNoDiagnostics();
        Assert.DoesNotContain("const string path", relu.Source("N.g.cs"));

        var conv = TestCompiler.Compile(Net("  conv(8, 3)"));
        Assert.Contains("const string path = \"\";", conv.Source("N.g.cs"));
    }

    [Theory]
    [InlineData("Tensor")]
    [InlineData("Sequential")]
    [InlineData("Shape")]
    [InlineData("nn")]
    public void Bug18_a_block_named_like_a_type_the_generated_code_uses_is_ND0117(string name)
    {
        // Was: generated, its class shadowing TorchSharp's in every generated file of the namespace (dozens of C# errors).
        var diagnostic = TestCompiler.Single($"block [|{name}|] = relu\n", "ND0117");
        Assert.Equal($"'{name}' is a name the generated code uses for another type; name the block differently", diagnostic.Message);
    }

    [Fact]
    public void Bug19_a_label_or_parameter_named_like_what_the_generated_code_uses_gets_another_csharp_name()
    {
        // Was: a field 'nn' and a parameter 'ShapeRules', hiding TorchSharp's nn and NetDsl's ShapeRules (CS1061 in the generated file).
        var result = TestCompiler.Compile("network N(ShapeRules = 3) {\n  input [3, 8, 8]\n  nn: conv(ShapeRules, 1)\n}\n");
        result.AssertNoDiagnostics();
        var code = result.Source("N.g.cs");
        Assert.Contains("private readonly Module<Tensor, Tensor> nn_;", code);
        Assert.Contains("register_module(\"nn\", nn_);", code);
        Assert.Contains("public N(long ShapeRules_ = 3)", code);
    }

    [Fact]
    public void Bug20_names_that_are_csharp_keywords_are_escaped_and_generated_member_names_are_reserved()
    {
        // Was: 'public sealed partial class class' (CS1001), and a network OutputShape with a member OutputShape (CS0542).
        // ('int' itself is now a function on numbers, so the network is 'long'.)
        var keywords = TestCompiler.Compile("block class = relu\nnetwork long {\n  input [3, 8, 8]\n  class\n}\n");
        keywords.AssertNoDiagnostics();
        Assert.Contains("public sealed partial class @class : Module<Tensor, Tensor>", keywords.Source("class.g.cs"));
        Assert.Contains("new @class(input, path:", keywords.Source("long.g.cs"));

        var member = TestCompiler.Single("network [|OutputShape|] {\n  input [3, 8, 8]\n  relu\n}\n", "ND0117");
        Assert.Equal("'OutputShape' is a member of every generated class; name the network differently", member.Message);
    }

    [Fact]
    public void Every_member_a_generated_network_declares_is_reserved_as_a_declaration_name()
    {
        // 'Outputs' and 'CallOutputs' were missing from the declarations' copy of the list: a network 'Outputs' generated a
        // class with a member of its own name (CS0542). The three lists are now Emit.GeneratedNames.NetworkMembers.
        foreach (var name in new[] { "Outputs", "CallOutputs" })
        {
            var member = TestCompiler.Single($"network [|{name}|] {{\n  input [3, 8, 8]\n  relu\n}}\n", "ND0117");
            Assert.Equal($"'{name}' is a member of every generated class; name the network differently", member.Message);
        }
    }
}
