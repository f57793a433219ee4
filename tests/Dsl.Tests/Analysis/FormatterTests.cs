using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetDsl.Analysis;
using NetDsl.Diagnostics;
using NetDsl.Syntax;
using Xunit;

namespace NetDsl.DslTests.Analysis;

/// <summary>
/// The formatter changes only spaces, indentation and blank lines: every file keeps its tokens (line breaks included)
/// and its comments, and formatting a formatted file changes nothing.
/// </summary>
public sealed class FormatterTests
{
    public static IEnumerable<object[]> Files => ExampleFiles.All.Select(f => new object[] { Path.GetRelativePath(Infrastructure.RepositoryPaths.Root, f) });

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_repository_file_is_canonical(string file)
    {
        var text = File.ReadAllText(Path.Combine(Infrastructure.RepositoryPaths.Root, file));
        Assert.Equal(text, DslFormatter.Format(text));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Scrambled_spacing_formats_back_with_the_same_tokens_and_comments(string file)
    {
        var text = File.ReadAllText(Path.Combine(Infrastructure.RepositoryPaths.Root, file));
        var random = new Random(file.GetHashCode(StringComparison.Ordinal));
        for (var round = 0; round < 20; round++)
        {
            var scrambled = Scramble(text, random);
            var formatted = DslFormatter.Format(scrambled);
            Assert.NotNull(formatted);
            Assert.Equal(Tokens(text), Tokens(formatted!));
            Assert.Equal(Comments(text), Comments(formatted!));
            Assert.Equal(formatted, DslFormatter.Format(formatted!));
        }
    }

    [Fact]
    public void Statements_are_indented_by_their_braces_and_spaced_around_operators()
    {
        const string text = "network N(c=10){\ninput [3,8,8]\n    a=conv(8,3,padding:1)|>relu # note\nb = parallel 2{conv(8,1)}\n  add(branches:b) |> flatten|>linear(c)\n        }\n";
        Assert.Equal(
            "network N(c = 10) {\n  input [3, 8, 8]\n  a = conv(8, 3, padding: 1) |> relu # note\n  b = parallel 2 { conv(8, 1) }\n  add(branches: b) |> flatten |> linear(c)\n}\n",
            DslFormatter.Format(text));
    }

    [Fact]
    public void Unary_minus_label_stars_and_calls_keep_their_meaning()
    {
        const string text = "block B(x=- 1,y = -x) = zeropad(0 - y,1) |> *: R * 2 |> layer*: R * (2*x)\n";
        var formatted = DslFormatter.Format(text)!;
        Assert.Equal("block B(x = -1, y = -x) = zeropad(0 - y, 1) |> *: R * 2 |> layer*: R * (2 * x)\n", formatted);
        Assert.Equal(Tokens(text), Tokens(formatted));
    }

    [Fact]
    public void Blank_lines_collapse_to_one_and_leave_the_edges_of_bodies()
    {
        Assert.Equal("# a\n\nblock A = relu\n\nblock B {\n  relu\n\n  relu\n}\n", DslFormatter.Format("\n\n# a\n\n\n\nblock A = relu\n\n\nblock B {\n\n  relu\n\n\n  relu\n\n}\n\n\n"));
    }

    [Fact]
    public void A_file_with_characters_the_lexer_rejects_is_left_alone() =>
        Assert.Null(DslFormatter.Format("block A = relu ; conv(8, 3)\n"));

    [Fact]
    public void Line_continuations_and_windows_line_ends_are_kept() =>
        Assert.Equal("block A = conv(8, 3) \\\r\n  |> relu\r\n", DslFormatter.Format("block A = conv(8,3)\\\r\n|> relu\r\n"));

    /// <summary>The same file with every run of spaces outside comments resized, lines re-indented at random and blank lines added.</summary>
    private static string Scramble(string text, Random random)
    {
        var builder = new StringBuilder();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        foreach (var line in lines)
        {
            var trimmed = line.TrimStart(' ');
            if (random.Next(6) == 0) builder.Append('\n');
            builder.Append(' ', random.Next(7));
            for (var i = 0; i < trimmed.Length; i++)
            {
                if (trimmed[i] == '#')
                {
                    builder.Append(trimmed, i, trimmed.Length - i); // a comment's own spaces are its text
                    break;
                }
                if (trimmed[i] == ' ')
                {
                    while (i + 1 < trimmed.Length && trimmed[i + 1] == ' ') i++;
                    builder.Append(' ', 1 + random.Next(3));
                }
                else builder.Append(trimmed[i]);
            }
            builder.Append('\n');
        }
        return builder.ToString();
    }

    private static List<(TokenKind, string)> Tokens(string text) =>
        new Lexer(new SourceText("", text), new DiagnosticBag()).Tokenize().Select(t => (t.Kind, t.Text)).ToList();

    private static List<string> Comments(string text) =>
        text.Split('\n').Where(l => l.Contains('#')).Select(l => l.Substring(l.IndexOf('#')).TrimEnd()).ToList();
}
