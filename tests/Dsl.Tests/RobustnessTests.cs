using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetDsl.Compiler;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>The compiler never throws on bad input: unterminated, garbage, non-ASCII, huge or deeply nested text gives diagnostics.</summary>
public sealed class RobustnessTests
{
    public static IEnumerable<object[]> Garbage() => new[]
    {
        "", " ", "\n\n\n", "#", "network", "block", "network N", "network N(", "network N {", "network N {\n  input [",
        "network N {\n  input [3, 8, 8]\n  conv(", "network N {\n  input [3, 8, 8]\n  conv(4, 3", "block B = ", "block B(",
        "block B {\n  input", "block B {\n  input x,", "{{{{", ")))]]]}}}", "|>|>|>", "::::", "=====", "network N { input [3, 8, 8]\n relu if",
        "network N { input [3, 8, 8]\n parallel", "network N { input [3, 8, 8]\n parallel 2", "network N { input [3, 8, 8]\n x.", "\\", "\\\n\\\n", "\\\nnetwork",
        "\0\u0001network", "\uFEFF\uFEFF", "\uD800", "\uDC00network N {}", "\uFFFD\uFFFD\uFFFD", "netwörk N {}", "network Ñ {\n  input [3, 8, 8]\n}\n",
        "block B = 1.2.3.4", "block B = 1e", "block B = 1e+", "block B = 0x10", "block B = 99999999999999999999999999999999999",
        "network N(a = 1, a = 2, = 3, b:, c: = ) {\n input [a]\n}", "network N {\n  input [3, 8, 8]\n  relu * * 2\n}",
        "network N {\n  input [-3, 8, 8]\n}", "network N {\n  input [t < 8, 8]\n}", "network N {\n  input [3.5]\n}",
        "network N {\n  input [true]\n}", "network N {\n  input [relu]\n}", "network N {\n  input [input]\n}",
    }.Select(text => new object[] { text });

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_gives_diagnostics_not_exceptions(string text)
    {
        var result = TestCompiler.Compile(text);

        if (text.Replace("\\\n", "").Trim('\n', ' ', '#', '\uFEFF').Length > 0) Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Every_prefix_of_a_valid_file_compiles_without_throwing()
    {
        var text = Samples.Compact;
        for (var length = 0; length <= text.Length; length++)
        {
            var prefix = text.Substring(0, length);
            var exception = Record.Exception(() => TestCompiler.Compile(prefix));
            Assert.True(exception is null, $"prefix of {length} characters: {exception}");
        }
    }

    [Fact]
    public void Deleting_any_one_character_of_a_valid_file_compiles_without_throwing()
    {
        var text = Samples.Compact;
        for (var i = 0; i < text.Length; i++)
        {
            var mutated = text.Remove(i, 1);
            var exception = Record.Exception(() => TestCompiler.Compile(mutated));
            Assert.True(exception is null, $"without character {i} ('{text[i]}'): {exception}");
        }
    }

    [Fact]
    public void The_compact_sample_is_valid()
    {
        TestCompiler.Compile(Samples.Compact).AssertNoDiagnostics();
    }

    [Fact]
    public void Non_ascii_letters_are_unexpected_characters_at_their_position()
    {
        var source = new MarkedSource("network N {\n  input [3, 8, 8]\n  r[|é|]lu\n}\n");

        var result = TestCompiler.Compile(source);

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "ND0001");
        Assert.Equal(source.Span, diagnostic.Span);
        Assert.StartsWith("unexpected character 'é'", diagnostic.Message);
    }

    [Fact]
    public void Non_ascii_text_in_comments_is_ignored()
    {
        TestCompiler.Compile("# café 😀 \uFFFD\nnetwork N {\n  input [3, 8, 8]\n  relu # naïve ☃\n}\n").AssertNoDiagnostics();
    }

    [Fact]
    public void A_surrogate_pair_is_one_diagnostic_two_columns_wide()
    {
        var source = new MarkedSource("network N {\n  input [3, 8, 8]\n  [|😀|]\n}\n");

        var diagnostic = TestCompiler.Single("network N {\n  input [3, 8, 8]\n  [|😀|]\n}\n", "ND0001");

        Assert.Equal(2, diagnostic.Span.Length);
        Assert.Equal(source.Span, diagnostic.Span);
        Assert.Contains("\\uD83D\\uDE00", diagnostic.Message);
    }

    [Fact]
    public void A_long_run_of_bad_characters_is_one_diagnostic_with_a_shortened_message()
    {
        var diagnostic = TestCompiler.Single("network N {\n  input [3, 8, 8]\n  [|" + new string('$', 10_000) + "|]\n}\n", "ND0001");

        Assert.Contains(new string('$', 20) + "…'", diagnostic.Message);
        Assert.True(diagnostic.Message.Length < 300);
    }

    [Fact]
    public void Huge_integers_are_ND0003_wherever_they_appear()
    {
        foreach (var text in new[]
        {
            "network N {\n  input [3, 8, 8]\n  conv([|99999999999999999999|], 3)\n}\n",
            "network N {\n  input [3, [|18446744073709551616|], 8]\n}\n",
            "block B(f = [|9223372036854775808|]) = relu\n",
        })
        {
            var source = new MarkedSource(text);
            var result = TestCompiler.Compile(source);
            var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "ND0003");
            Assert.Equal(source.Span, diagnostic.Span);
        }
    }

    [Fact]
    public void The_largest_long_is_accepted()
    {
        TestCompiler.Compile("block B(f = 9223372036854775807) = relu\n").AssertNoDiagnostics();
    }

    [Theory]
    [InlineData('(', ')')]
    [InlineData('{', '}')]
    [InlineData('[', ']')]
    public void Very_deep_nesting_does_not_overflow_the_stack(char open, char close)
    {
        var deep = new string(open, 100_000) + "relu" + new string(close, 100_000);
        var result = TestCompiler.Compile("network N {\n  input [3, 8, 8]\n  " + deep + "\n}\n");

        Assert.NotEmpty(result.Errors);
        if (open != '[') Assert.Contains("ND0005", result.Ids);
    }

    [Fact]
    public void Deep_unary_chains_are_limited()
    {
        var result = TestCompiler.Compile("block B(f = " + new string('-', 100_000) + "1) = relu\n");

        Assert.Contains("ND0005", result.Ids);
    }

    [Fact]
    public void A_long_pipeline_is_not_nesting()
    {
        var pipeline = string.Join(" |> ", Enumerable.Repeat("relu", 2_000));

        var net = TestCompiler.Network("network N {\n  input [3, 8, 8]\n  " + pipeline + "\n}\n");

        // Every layer is checked; the generated Layers list the first 1,000 (the summary's cap).
        Assert.Equal(1_000, net.Rows.Count);
        Assert.Contains("(the first 1,000 of 2,000 are listed)", net.Text);
    }

    [Fact]
    public void Diagnostics_are_capped()
    {
        var text = "network N {\n  input [3, 8, 8]\n" + string.Concat(Enumerable.Range(0, 2_000).Select(i => $"  foo{i}\n")) + "}\n";

        var result = TestCompiler.Compile(text);

        Assert.Equal(NetDsl.Diagnostics.DiagnosticBag.Limit, result.Diagnostics.Count);
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            DslCompiler.Compile(new[] { new DslSource("m.net", Samples.Tour) }, new CompileOptions("T"), cancellation.Token));
    }

    [Fact]
    public void Compiling_is_deterministic_and_independent_of_source_order()
    {
        var a = new DslSource("a.net", "block B(f) = conv(f, 3)\n");
        var b = new DslSource("b.net", "network N {\n  input [3, 8, 8]\n  B(4) |> foo\n  B(4)\n}\n");

        var first = DslCompiler.Compile(new[] { a, b }, new CompileOptions("T"));
        var second = DslCompiler.Compile(new[] { b, a }, new CompileOptions("T"));

        Assert.Equal(first, second);
    }
}
