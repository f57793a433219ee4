using System.Linq;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// Error recovery: one typo gives one error at the typo, and the declarations after it are still checked
/// (network B below has a real shape error, ND0206, which must still be found).
/// </summary>
public sealed class RecoveryTests
{
    private const string Later = "network B {\n  input [3, 8, 8]\n  {|later:linear(10)|}\n}\n";

    private static void AssertOneErrorThenLaterChecked(string marked, string message)
    {
        var source = new MarkedSource(marked + Later);

        var result = TestCompiler.Compile(source);

        Assert.Equal(2, result.Diagnostics.Count);
        TestCompiler.AssertDiagnostic(result.Diagnostics[0], "ND0002", source.Span);
        Assert.Equal(message, result.Diagnostics[0].Message);
        TestCompiler.AssertDiagnostic(result.Diagnostics[1], "ND0206", source["later"]);
    }

    [Fact]
    public void Two_statements_on_one_line()
    {
        AssertOneErrorThenLaterChecked("network A {\n  input [3, 8, 8]\n  conv(4, 3) [|relu|]\n}\n",
            "expected the end of the line, found 'relu'; put each statement on its own line");
    }

    [Fact]
    public void A_network_without_a_name()
    {
        AssertOneErrorThenLaterChecked("network [|{|]\n  input [3, 8, 8]\n}\n", "expected a name after 'network', found '{'");
    }

    [Fact]
    public void A_statement_outside_any_declaration()
    {
        AssertOneErrorThenLaterChecked("[|relu|]\n", "expected 'network' or 'block' at the top level, found 'relu'");
    }

    [Fact]
    public void A_missing_closing_brace()
    {
        var source = new MarkedSource("network A {\n  input [3, 8, 8]\n  relu\n[|network|] B {\n  input [3, 8, 8]\n  {|later:linear(10)|}\n}\n");

        var result = TestCompiler.Compile(source);

        Assert.Equal(2, result.Diagnostics.Count);
        TestCompiler.AssertDiagnostic(result.Diagnostics[0], "ND0002", source.Span);
        Assert.Equal("expected '}' to close network 'A', found 'network'", result.Diagnostics[0].Message);
        TestCompiler.AssertDiagnostic(result.Diagnostics[1], "ND0206", source["later"]);
    }

    [Fact]
    public void A_stray_bracket()
    {
        AssertOneErrorThenLaterChecked("network A {\n  input [3, 8, 8]\n  conv(4, 3)[|]|]\n}\n",
            "expected the end of the line, found ']'; put each statement on its own line");
    }

    [Fact]
    public void A_pipe_into_nothing()
    {
        AssertOneErrorThenLaterChecked("network A {\n  input [3, 8, 8]\n  conv(4, 3) |>\n[|}|]\n", "expected an expression, found '}'");
    }

    [Fact]
    public void A_missing_expression_after_a_binding()
    {
        var source = new MarkedSource("network A {\n  input [3, 8, 8]\n  x = [|}|]\n" + Later);

        var result = TestCompiler.Compile(source);

        TestCompiler.AssertDiagnostic(result.Diagnostics[0], "ND0002", source.Span);
        Assert.Equal("ND0206", result.Diagnostics[^1].Id);
    }

    [Fact]
    public void A_misspelt_op_is_one_error_and_the_rest_of_the_file_is_checked()
    {
        var source = new MarkedSource("network A {\n  input [3, 8, 8]\n  conv(4, 3) |> [|rleu|]\n  flatten\n}\n" + Later);

        var result = TestCompiler.Compile(source);

        Assert.Equal(new[] { "ND0101", "ND0206" }, result.Ids);
        Assert.Equal(source.Span, result.Diagnostics[0].Span);
        Assert.Equal(source["later"], result.Diagnostics[1].Span);
    }

    [Fact]
    public void Errors_in_several_declarations_are_all_reported()
    {
        var result = TestCompiler.Compile("""
            block A(f) = conv(f, 3, strid: 2)
            block C = relu |> foo
            network N {
              input [3, 8, 8]
              conv(4, 3, groups: 2)
            }
            network M {
              input [3, 8, 8]
              flatten |> linear(10, in: 100)
            }
            """);

        Assert.Equal(new[] { "ND0104", "ND0101", "ND0205", "ND0208" }, result.Ids);
    }

    [Fact]
    public void A_network_with_an_error_does_not_stop_a_valid_one_from_generating()
    {
        var result = TestCompiler.Compile("network Bad {\n  input [3, 8, 8]\n  foo\n}\nnetwork Good {\n  input [3, 8, 8]\n  relu\n}\n");

        Assert.Equal("ND0101", Assert.Single(result.Diagnostics).Id);
        Assert.Contains("Good.g.cs", result.HintNames);
        Assert.DoesNotContain("Bad.g.cs", result.HintNames);
    }
}
