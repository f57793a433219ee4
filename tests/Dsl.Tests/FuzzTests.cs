using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using NetDsl.Compiler;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// Random and mutated sources thrown at the parser, checker and emitter, with fixed seeds and a budget in count and
/// seconds: nothing may throw, and every problem must be an ND diagnostic located inside the input.
/// A failing input is printed so it can become a regression test.
/// </summary>
public sealed class FuzzTests
{
    private const int InputsPerSeed = 300;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    private static readonly string[] Fragments =
    {
        "network", "block", "input", "if", "else", "parallel", "true", "false", "and", "or", "not", "(", ")", "[", "]", "{", "}",
        ",", ":", ".", "=", "|>", "+", "-", "*", "/", "%", "==", "!=", "<", ">=", "#", "\n", " ", "\t", "0", "1", "3", "-1",
        "9223372036854775807", "99999999999999999999", "1e308", "0.5", "conv", "bn", "relu", "linear", "flatten", "concat",
        "add", "mul", "maxpool", "same", "valid", "input.channels", "x", "f", "B", "* 1000000000", "\uFFFD", "é", "\\\n",
    };

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_examples_never_throw_and_every_diagnostic_is_located_in_the_input(int seed)
    {
        var corpus = Corpus();
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < InputsPerSeed && clock.Elapsed < Budget; i++)
        {
            var original = corpus[random.Next(corpus.Count)];
            Check(Mutate(original, random));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_token_soup_never_throws(int seed)
    {
        var random = new Random(seed * 7919);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < InputsPerSeed && clock.Elapsed < Budget; i++)
        {
            var text = new StringBuilder();
            var length = random.Next(1, 80);
            for (var j = 0; j < length; j++) text.Append(Fragments[random.Next(Fragments.Length)]).Append(random.Next(3) == 0 ? " " : "");
            Check(text.ToString());
        }
    }

    [Fact]
    public void Hostile_sizes_and_counts_are_diagnostics()
    {
        var inputs = new[]
        {
            "block B = relu\nnetwork N {\n  input [3, 8, 8]\n  B * 1000000000\n}\n",
            "network N {\n  input [9223372036854775807, 9223372036854775807, 9223372036854775807]\n  flatten\n}\n",
            "network N {\n  input [3, 8, 8]\n  conv(9223372036854775807, 3) |> flatten |> linear(9223372036854775807)\n}\n",
            "network N(n = -5) {\n  input [3, 8, 8]\n  conv(n, 3) |> relu * n\n}\n",
            "network N {\n  input [0, -1, 8]\n  relu\n}\n",
            "block A = B\nblock B = A\nnetwork N {\n  input [3, 8, 8]\n  A\n}\n",
            "network N {\n  input [3, 8, 8]\n  add(parallel 1000000 { relu })\n}\n",
            "network N {\n  input [3, 8, 8]\n  (relu |> relu) * 100000\n}\n",
            "network N {\n  input [3, 8, 8]\n  conv(8, 3, stride: 0) |> conv(8, 3, dilation: -2) |> conv(8, 3, groups: 0)\n}\n",
            "network N { input [3, 8, 8] # unterminated\n",
            "network N {\n  input [3, 8, 8]\n  conv(1 / 0, 3)\n}\n",
        };
        foreach (var text in inputs)
        {
            var output = Check(text);
            Assert.Contains(output.Diagnostics, d => d.Severity == Diagnostics.DslSeverity.Error);
        }
    }

    private static CompilationOutput Check(string text)
    {
        CompilationOutput output;
        try
        {
            output = DslCompiler.Compile(new[] { new DslSource("fuzz.net", text) }, new CompileOptions("Fuzz"));
        }
        catch (Exception exception)
        {
            throw new Xunit.Sdk.XunitException($"the compiler threw {exception.GetType().Name}: {exception.Message}\ninput:\n{Escape(text)}\n{exception}");
        }
        foreach (var diagnostic in output.Diagnostics)
        {
            var where = $"{diagnostic} for input:\n{Escape(text)}";
            Assert.True(diagnostic.Id.StartsWith("ND", StringComparison.Ordinal) && diagnostic.Id != "ND9999", where);
            Assert.True(diagnostic.Span.Path == "fuzz.net", where);
            Assert.True(diagnostic.Span.Start >= 0 && diagnostic.Span.End <= text.Length, where);
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message), where);
        }
        return output;
    }

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits && builder.Length > 0; i++)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(6))
            {
                case 0:
                    builder.Remove(at, Math.Min(random.Next(1, 12), builder.Length - at));
                    break;
                case 1:
                    builder.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                case 2:
                    builder[at] = (char)random.Next(32, 127);
                    break;
                case 3:
                {
                    // Swap a number for an extreme one.
                    var digits = Enumerable.Range(at, builder.Length - at).FirstOrDefault(k => char.IsDigit(builder[k]), -1);
                    if (digits >= 0) builder.Insert(digits, random.Next(3) switch { 0 => "0*", 1 => "-", _ => "99999999" });
                    break;
                }
                case 4:
                {
                    // Duplicate a line (duplicate labels, values, declarations).
                    var lines = builder.ToString().Split('\n').ToList();
                    var line = random.Next(lines.Count);
                    lines.Insert(line, lines[line]);
                    builder.Clear().Append(string.Join("\n", lines));
                    break;
                }
                default:
                    builder.Insert(at, (char)random.Next(0x80, 0x3000));
                    break;
            }
        }
        return builder.ToString();
    }

    private static List<string> Corpus() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "examples"), "*.net", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();

    private static string Escape(string text) => text.Length > 2_000 ? text.Substring(0, 2_000) + "…" : text;
}
