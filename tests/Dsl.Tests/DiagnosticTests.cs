using System;
using System.Linq;
using System.Reflection;
using NetDsl.Compiler;
using NetDsl.Diagnostics;
using NetDsl.Semantics;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// One test per diagnostic ID of <see cref="DiagnosticCatalog"/> (ND9999 belongs to the generator): the ID, its
/// severity, the key part of the message (layer path and shapes where relevant) and the exact span, marked in the
/// source with <c>[|...|]</c>. The examples are the ones docs/diagnostics.md shows.
/// </summary>
public sealed partial class DiagnosticTests
{
    private static string Net(string body, string input = "[3, 8, 8]", string parameters = "") =>
        $"network N{parameters} {{\n  input {input}\n{body}\n}}\n";

    [Fact]
    public void Every_catalog_id_but_ND9999_has_a_test_here()
    {
        var tested = typeof(DiagnosticTests).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
            .Select(m => m.Name.Split('_')[0])
            .ToHashSet();

        // ND03xx (category NetDsl.CSharp) come from the C# front-end in the generator and need Roslyn: tests/Generator.Tests/CSharpDiagnosticsTests.cs has one test per ID.
        var missing = DiagnosticCatalog.All.Where(d => d.Category != "NetDsl.CSharp").Select(d => d.Id).Where(id => id != "ND9999" && !tested.Contains(id));
        Assert.Empty(missing);
    }

    [Fact]
    public void Catalog_ids_are_unique_and_help_links_point_at_their_section()
    {
        Assert.Equal(DiagnosticCatalog.All.Count, DiagnosticCatalog.All.Select(d => d.Id).Distinct().Count());
        Assert.All(DiagnosticCatalog.All, d => Assert.EndsWith("diagnostics.md#" + d.Id.ToLowerInvariant(), d.HelpLink));
        Assert.Equal(new[] { DslSeverity.Warning }, DiagnosticCatalog.All.Where(d => d.Id is "ND0111" or "ND0118" or "ND0210").Select(d => d.Severity).Distinct());
        Assert.All(DiagnosticCatalog.All.Where(d => d.Id is not ("ND0111" or "ND0118" or "ND0210") && d.Category != "NetDsl.CSharp"), d => Assert.Equal(DslSeverity.Error, d.Severity));
    }

    // ---- ND00xx: syntax -------------------------------------------------------------------------------------

    [Fact]
    public void ND0001_unexpected_character()
    {
        var diagnostic = TestCompiler.Single(Net("  conv(4, 3) [|$|] relu"), "ND0001");

        Assert.StartsWith("unexpected character '$'", diagnostic.Message);
    }

    [Fact]
    public void ND0001_a_run_of_bad_characters_is_one_diagnostic_with_printable_escapes()
    {
        var diagnostic = TestCompiler.Single(Net("  relu [|\uFFFD\uFFFD\u0001|]"), "ND0001");

        Assert.StartsWith("unexpected characters '\\uFFFD\\uFFFD\\u0001'", diagnostic.Message);
    }

    [Fact]
    public void ND0002_syntax_error()
    {
        var diagnostic = TestCompiler.Single(Net("  conv(4, 3) [|relu|]"), "ND0002");

        Assert.Equal("expected the end of the line, found 'relu'; put each statement on its own line", diagnostic.Message);
    }

    [Fact]
    public void ND0003_number_out_of_range()
    {
        var diagnostic = TestCompiler.Single(Net("  relu", parameters: "(big = [|99999999999999999999|])"), "ND0003");

        Assert.Equal("the integer '99999999999999999999' does not fit in 64 bits (largest: 9223372036854775807)", diagnostic.Message);
    }

    [Fact]
    public void ND0003_a_float_beyond_double()
    {
        var diagnostic = TestCompiler.Single(Net("  relu", parameters: "(p = [|1e999|])"), "ND0003");

        Assert.Equal("the number '1e999' is outside the range of a 64-bit float", diagnostic.Message);
    }

    [Fact]
    public void ND0004_network_without_an_input_shape()
    {
        var diagnostic = TestCompiler.Single("network [|N|] {\n  conv(4, 3)\n}\n", "ND0004");

        Assert.Equal("network 'N' has no input shape; start its body with 'input [C, H, W]', e.g. 'input [3, 224, 224]'", diagnostic.Message);
    }

    [Fact]
    public void ND0005_nesting_too_deep()
    {
        // Each parenthesis is one level of the parser; the statement's own expression is another.
        var nested = "  relu |> " + new string('(', 128) + "[|(|]" + new string('(', 36) + "relu" + new string(')', 165);
        var source = new MarkedSource(Net(nested) + "network M {\n  input [3, 8, 8]\n  linear(1)\n}\n");

        var result = TestCompiler.Compile(source);

        var first = result.Diagnostics[0];
        TestCompiler.AssertDiagnostic(first, "ND0005", source.Span);
        Assert.Contains($"more than {NetDsl.Syntax.Parser.MaxDepth} levels deep", first.Message);
        Assert.Single(result.Diagnostics, d => d.Id == "ND0005");
        // The parser recovers: the next network is still checked.
        Assert.Contains(result.Diagnostics, d => d.Id == "ND0206" && d.Span.StartLine == 6);
    }

    [Fact]
    public void ND0005_is_not_reported_for_63_parentheses()
    {
        TestCompiler.Compile(Net("  " + new string('(', 63) + "relu" + new string(')', 63))).AssertNoDiagnostics();
    }

    [Fact]
    public void ND0006_name_too_long()
    {
        var name = new string('a', 129);
        var diagnostic = TestCompiler.Single($"network [|{name}|] {{\n  input [3, 8, 8]\n  relu\n}}\n", "ND0006");

        Assert.Equal("this name has 129 characters; a name or label has at most 128", diagnostic.Message);
    }

    [Fact]
    public void ND0006_a_megabyte_name_is_one_diagnostic_that_does_not_repeat_it()
    {
        var result = TestCompiler.Compile($"network {new string('a', 1_000_000)} {{\n  input [3, 8, 8]\n  relu\n}}\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ND0006", diagnostic.Id);
        Assert.True(diagnostic.Message.Length < 100);
        Assert.DoesNotContain(result.Output.Sources, s => s.HintName != "NetDslLayers.g.cs");
    }

    // ---- ND01xx: names, arguments, types ------------------------------------------------------------------

    [Fact]
    public void ND0101_unknown_name_with_a_suggestion()
    {
        var diagnostic = TestCompiler.Single(Net("  conv(4, 3) |> [|reluu|]"), "ND0101");

        Assert.Equal("'reluu' is not an op, a block or a value in scope; did you mean 'relu'?", diagnostic.Message);
    }

    [Fact]
    public void ND0101_unknown_member()
    {
        var diagnostic = TestCompiler.Single(Net("  conv(input.[|depth|], 1)"), "ND0101");

        Assert.Equal("a tensor has 'channels', 'height', 'width', 'rank' and 'size(i)', not 'depth'; its methods are relu, relu6, leaky_relu, sigmoid, tanh, gelu, silu, hardswish, hardsigmoid, softmax, log_softmax, identity, flatten, reshape, permute, transpose, select, slice, chunk, split, roll, channel_shuffle, positions", diagnostic.Message);
    }

    [Fact]
    public void ND0102_duplicate_network_or_block()
    {
        var source = new MarkedSource("block {|first:B|} = relu\nblock [|B|] = relu\n");

        var diagnostic = Assert.Single(TestCompiler.Compile(source).Diagnostics);

        TestCompiler.AssertDiagnostic(diagnostic, "ND0102", source.Span);
        Assert.Equal("'B' is already declared at m.net(1,7); networks and blocks share one namespace per project, rename one", diagnostic.Message);
        Assert.Equal(new[] { source["first"] }, diagnostic.AdditionalSpans.ToArray());
    }

    [Fact]
    public void ND0102_across_files()
    {
        var result = TestCompiler.Compile(new DslSource("a.net", "block B = relu\n"), new DslSource("b.net", "network B {\n  input [3, 8, 8]\n}\n"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ND0102", diagnostic.Id);
        Assert.Equal(("b.net", 0, 8), (diagnostic.Span.Path, diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
        Assert.Contains("already declared at a.net(1,7)", diagnostic.Message);
    }

    [Fact]
    public void ND0103_duplicate_parameter()
    {
        var diagnostic = TestCompiler.Single("block B(a, [|a|]) = conv(a, 1)\n", "ND0103");

        Assert.Equal("parameter 'a' is declared twice; rename one of them", diagnostic.Message);
    }

    [Fact]
    public void ND0104_unknown_argument()
    {
        var diagnostic = TestCompiler.Single(Net("  conv(4, 3, [|strid|]: 2)"), "ND0104");

        Assert.Equal("op 'conv' has no argument 'strid'; did you mean 'stride'? (arguments: filters, kernel, stride, padding, dilation, groups, bias)", diagnostic.Message);
    }

    [Fact]
    public void ND0105_missing_argument()
    {
        var diagnostic = TestCompiler.Single(Net("  [|conv(4)|]"), "ND0105");

        Assert.StartsWith("op 'conv' needs the argument 'kernel'; its arguments are (filters, kernel, stride: 1,", diagnostic.Message);
    }

    [Fact]
    public void ND0105_block_argument_and_network_parameter_without_default()
    {
        var block = TestCompiler.Single("block B(f) = conv(f, 1)\n" + Net("  [|B()|]"), "ND0105");
        Assert.Equal("block 'B' needs the argument 'f'; its parameters are (f)", block.Message);

        var network = TestCompiler.Single(Net("  relu", parameters: "([|classes|])"), "ND0105");
        Assert.Equal("network parameter 'classes' needs a default: a network is checked for its declared values (e.g. classes = 10)", network.Message);
    }

    [Fact]
    public void ND0106_argument_given_twice()
    {
        var diagnostic = TestCompiler.Single(Net("  conv(4, 3, stride: 1, [|stride|]: 2)"), "ND0106");

        Assert.Equal("'stride' is given twice to op 'conv'; keep one", diagnostic.Message);
    }

    [Fact]
    public void ND0107_too_many_arguments()
    {
        var diagnostic = TestCompiler.Single(Net("  conv(4, 3, 1, 0, 1, 1, true, [|5|])"), "ND0107");

        Assert.Equal("op 'conv' takes at most 7 arguments (filters, kernel, stride, padding, dilation, groups, bias)", diagnostic.Message);
    }

    [Fact]
    public void ND0108_wrong_type()
    {
        var diagnostic = TestCompiler.Single(Net("  conv(4, 3, bias: [|2|])"), "ND0108");

        Assert.Equal("'bias' of conv must be a bool, not an integer", diagnostic.Message);
    }

    [Theory]
    [InlineData("  conv([|4.5|], 3)", "'filters' of conv must be an integer, not a float")]
    [InlineData("  conv(4, 3, padding: [|true|])", "'padding' of conv must be an integer or a pair (h, w), same or valid, not a bool")]
    [InlineData("  conv(4 [|+|] true, 3)", "'+' cannot combine an integer and a bool")]
    [InlineData("  conv(4, 3, bias: 1 [|and|] true)", "'and' cannot combine an integer and a bool")]
    public void ND0108_wrong_type_variants(string body, string message)
    {
        Assert.Contains(message, TestCompiler.Single(Net(body), "ND0108").Message);
    }

    [Fact]
    public void ND0108_unknown_parameter_type()
    {
        var diagnostic = TestCompiler.Single(Net("  relu", parameters: "(c: [|complex|] = 1)"), "ND0108");

        Assert.Equal("unknown parameter type 'complex'; use int, float or bool", diagnostic.Message);
    }

    [Fact]
    public void ND0108_a_body_that_ends_with_two_values()
    {
        var diagnostic = TestCompiler.Single("network N [|{\n  input [3, 8, 8]\n  x = relu\n  (x, x)\n}|]\n", "ND0108");

        Assert.Equal("'N' ends with 2 values; merge them with concat, add or mul", diagnostic.Message);
    }

    [Fact]
    public void ND0109_recursive_block()
    {
        var source = new MarkedSource("block [|A|] = B\nblock {|b:B|} = A\n" + Net("  A"));

        var result = TestCompiler.Compile(source);

        Assert.Equal(2, result.Diagnostics.Count);
        TestCompiler.AssertDiagnostic(result.Diagnostics[0], "ND0109", source.Span);
        Assert.Equal("block 'A' calls itself through A -> B -> A; a network must be finite, unroll the recursion with '* n'", result.Diagnostics[0].Message);
        TestCompiler.AssertDiagnostic(result.Diagnostics[1], "ND0109", source["b"]);
        Assert.Contains("B -> A -> B", result.Diagnostics[1].Message);
        Assert.Empty(result.Networks);
    }

    [Fact]
    public void ND0109_a_block_that_calls_itself()
    {
        var diagnostic = TestCompiler.Single("block [|A|] = relu |> A\n", "ND0109");

        Assert.Contains("A -> A", diagnostic.Message);
    }

    [Fact]
    public void ND0110_duplicate_label()
    {
        var diagnostic = TestCompiler.Single(Net("  c: conv(4, 3)\n  [|c|]: relu"), "ND0110");

        Assert.Equal("the label 'c' is used twice in 'N'; state_dict keys must be unique, rename one", diagnostic.Message);
    }

    [Fact]
    public void ND0111_unused_named_value()
    {
        var source = new MarkedSource(Net("  [|unused|] = conv(4, 3)\n  relu"));
        var result = TestCompiler.Compile(source);

        var diagnostic = Assert.Single(result.Diagnostics);
        TestCompiler.AssertDiagnostic(diagnostic, "ND0111", source.Span);
        Assert.Equal(DslSeverity.Warning, diagnostic.Severity);
        Assert.Equal("the value 'unused' is never used; use it or remove it", diagnostic.Message);
        // A warning does not stop generation.
        Assert.Contains("N.g.cs", result.HintNames);
    }

    [Fact]
    public void ND0112_name_defined_twice()
    {
        var diagnostic = TestCompiler.Single(Net("  a = conv(4, 3, padding: 1)\n  [|a|] = relu\n  concat(a, input)"), "ND0112");

        Assert.Equal("'a' is already defined at m.net(3,3); give this value another name", diagnostic.Message);
    }

    [Fact]
    public void ND0112_an_input_named_like_a_parameter()
    {
        var diagnostic = TestCompiler.Single("block B(x = 1) {\n  input [|x|], y\n  add(x, y)\n}\n", "ND0112");

        Assert.Equal("block 'B' uses the name 'x' twice; rename the input or the parameter", diagnostic.Message);
    }

    [Fact]
    public void ND0113_wrong_number_of_inputs()
    {
        var diagnostic = TestCompiler.Single("block Two {\n  input x, y\n  add(x, y)\n}\n" + Net("  [|Two|]"), "ND0113");

        Assert.Equal("'Two' takes 2 inputs but receives 1 value; pipe a tuple into it: (x1, x2) |> Two(...)", diagnostic.Message);
    }

    [Fact]
    public void ND0113_a_merge_of_one_value()
    {
        var diagnostic = TestCompiler.Single(Net("  [|concat|](relu)"), "ND0113");

        Assert.Equal("concat needs at least two values, e.g. concat(a, b)", diagnostic.Message);
    }

    [Fact]
    public void ND0114_invalid_argument_value()
    {
        var diagnostic = TestCompiler.Single(Net("  [|dropout(1.5)|]"), "ND0114");

        Assert.Equal("dropout at '0' needs a probability 0 <= p < 1, got 1.5", diagnostic.Message);
    }

    [Theory]
    [InlineData("[t <= 0, 8]", "network 'N' declares input [t <= 0, 8]; the bound of t must be at least 1")]
    [InlineData("[3, 0, 8]", "network 'N' declares input [3, 0, 8]; every size must be at least 1")]
    public void ND0114_invalid_input_shape(string shape, string message)
    {
        var diagnostic = TestCompiler.Single($"network N {{\n  [|input {shape}|]\n  relu\n}}\n", "ND0114");

        Assert.Equal(message, diagnostic.Message);
    }

    [Fact]
    public void ND0114_division_by_zero_at_the_operator()
    {
        var diagnostic = TestCompiler.Single(Net("  conv(4, 8 [|/|] k)", parameters: "(k = 0)"), "ND0114");

        Assert.Equal("division by zero for the declared parameter values", diagnostic.Message);
    }

    [Theory]
    [InlineData("  [|conv(0, 3)|]", "conv at '0' needs at least 1 output channel, got 0")]
    [InlineData("  [|conv(4, 3, stride: 0)|]", "conv at '0' needs a stride of at least 1, got (0, 0)")]
    [InlineData("  [|maxpool(2, padding: 2)|]", "maxpool at '0' pads by 2 but a pooling window of 2x2 allows at most half its size")]
    [InlineData("  [|lrn(0)|]", "lrn at '0' needs a window of at least 1 channel, got 0")]
    [InlineData("  [|zeropad(-1)|]", "zeropad at '0' needs padding >= 0, got (-1, -1, -1, -1)")]
    public void ND0114_variants(string body, string message)
    {
        Assert.Equal(message, TestCompiler.Single(Net(body), "ND0114").Message);
    }

    [Fact]
    public void ND0115_repetition_count_out_of_range()
    {
        var diagnostic = TestCompiler.Single(Net("  relu * [|100001|]"), "ND0115");

        Assert.StartsWith("100001 repetitions: the count must be between ", diagnostic.Message);
        Assert.EndsWith(" and 100,000", diagnostic.Message);
    }

    [Fact]
    public void ND0115_parallel_needs_at_least_one_copy()
    {
        var diagnostic = TestCompiler.Single(Net("  concat(parallel [|0|] { relu })"), "ND0115");

        Assert.Equal("0 parallel copies: the count must be between 1 and 100,000", diagnostic.Message);
    }

    [Fact]
    public void ND0119_past_its_share_of_the_project_budget_a_network_gets_no_code()
    {
        var result = TestCompiler.Compile(LayerBudgetTests.Networks(9, 10) + "network Deep {\n  input [4]\n  relu * 62501\n}\n");
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ND0119", diagnostic.Id);
        Assert.Contains("more than 62,500 layers", diagnostic.Message);
        Assert.DoesNotContain("Deep.g.cs", result.HintNames);
        Assert.Contains("N0.g.cs", result.HintNames);
    }

    [Fact]
    public void ND0120_past_the_project_limit_of_declarations_the_rest_get_no_code()
    {
        // Files in path order: a.net's blocks fill the limit but one, so b.net's second network is the first past it.
        var blocks = string.Concat(Enumerable.Range(0, DeclarationLimit.Project.Declarations - 1).Select(i => $"block B{i} = relu\n"));
        var result = TestCompiler.Compile(
            new DslSource("b.net", "network Kept {\n  input [4]\n  B0\n}\nnetwork Past {\n  input [4]\n  relu\n}\n"),
            new DslSource("a.net", blocks));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ND0120", diagnostic.Id);
        Assert.Equal("b.net(5,9)", diagnostic.Span.ToString());
        Assert.Contains("Kept.g.cs", result.HintNames);
        Assert.Contains("B998.g.cs", result.HintNames);
        Assert.DoesNotContain("Past.g.cs", result.HintNames);
    }

    [Fact]
    public void ND0121_a_body_of_more_statements_than_one_method_may_hold_is_refused_at_the_first_past_them()
    {
        var lines = string.Concat(Enumerable.Repeat("  conv(8, 3, padding: 1)\n", LayerLimit.StatementsPerBody + 1));
        var result = TestCompiler.Compile($"network N {{\n  input [8, 16, 16]\n{lines}}}\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ND0121", diagnostic.Id);
        Assert.Equal($"m.net({LayerLimit.StatementsPerBody + 3},3)", diagnostic.Span.ToString());
        Assert.Contains("2,001 statements", diagnostic.Message);
        Assert.DoesNotContain("N.g.cs", result.HintNames);
    }

    [Fact]
    public void ND0121_counts_a_repetition_once_and_a_group_on_its_own()
    {
        var group = "(" + string.Join(" |> ", Enumerable.Repeat("relu", LayerLimit.StatementsPerBody + 1)) + ")";
        var result = TestCompiler.Compile($"network N {{\n  input [8]\n  linear(8) * 40000\n  features: {group}\n}}\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ND0121", diagnostic.Id);
        Assert.Contains("this group body has 2,001 statements", diagnostic.Message);
        TestCompiler.Compile("network N {\n  input [8]\n  linear(8) * 40000\n}\n").AssertNoDiagnostics();
    }

    [Fact]
    public void ND0123_past_the_project_statement_budget_the_rest_get_no_code()
    {
        // Four networks write out 2,000 statements each, the budget; the fifth (files in path order) is the first past it.
        var lines = string.Concat(Enumerable.Repeat("  conv(8, 3, padding: 1)\n", LayerLimit.StatementsPerBody));
        string Network(string name) => $"network {name} {{\n  input [8, 16, 16]\n{lines}}}\n";
        var result = TestCompiler.Compile(
            new DslSource("a.net", Network("N0") + Network("N1")),
            new DslSource("b.net", Network("N2") + Network("N3") + Network("Past") + "network After {\n  input [4]\n  relu\n}\n"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ND0123", diagnostic.Id);
        Assert.Equal($"b.net({2 * (LayerLimit.StatementsPerBody + 3) + 1},9)", diagnostic.Span.ToString());
        Assert.Equal(
            "network 'Past' writes out 2,000 statements, and the declarations before it (files in path order) 8,000: more than the 8,000 a project's networks and blocks may write out together. " +
            "It and the declarations after it are not checked and get no code. Repeat what repeats ('conv(8, 3) * n' and 'B() * n' are loops in the generated code, a written-out '(...) * n' is not), or move networks to another project",
            diagnostic.Message);
        Assert.Equal(new[] { "N0.g.cs", "N1.g.cs", "N2.g.cs", "N3.g.cs" }, result.HintNames.Where(n => n.StartsWith('N') && n != "NetDslLayers.g.cs").OrderBy(n => n));
        Assert.DoesNotContain("After.g.cs", result.HintNames);
    }

    [Fact]
    public void ND0123_counts_each_copy_of_an_unrolled_pipeline_and_a_block_once()
    {
        // Each (conv |> relu) * 1000 network writes out 2,000 statements from one line; the block's body counts once (2),
        // and its 500 calls are a loop (1).
        const string calls = "block B = conv(8, 3, padding: 1) |> relu\n\nnetwork Calls {\n  input [8, 16, 16]\n  B() * 500\n}\n";
        string Unrolled(int count) => string.Concat(Enumerable.Range(0, count).Select(i => $"network N{i} {{\n  input [8, 16, 16]\n  (conv(8, 3, padding: 1) |> relu) * 1000\n}}\n"));

        var past = TestCompiler.Compile(calls + Unrolled(4));
        var diagnostic = Assert.Single(past.Diagnostics);
        Assert.Equal("ND0123", diagnostic.Id);
        Assert.StartsWith("network 'N3' writes out 2,000 statements, and the declarations before it (files in path order) 6,003:", diagnostic.Message);
        TestCompiler.Compile(calls + Unrolled(3)).AssertNoDiagnostics();
    }

    [Fact]
    public void ND0123_the_abridged_example_of_docs_diagnostics_gives_the_output_shown()
    {
        var networks = string.Concat(Enumerable.Range(0, 5).Select(i => $"network N{i} {{\n  input [8, 16, 16]\n  (conv(8, 3, padding: 1) |> relu) * 1000\n}}\n"));
        var diagnostic = Assert.Single(TestCompiler.Compile(networks).Diagnostics);

        var shown = System.IO.File.ReadAllLines(RepositoryPaths.DiagnosticsDoc).Single(line => line.Contains(": error ND0123: "));
        Assert.Equal(shown, diagnostic.ToString());
    }

    [Fact]
    public void ND0116_value_used_across_a_group_boundary()
    {
        var diagnostic = TestCompiler.Single("""
            block B {
              input x, y
              { conv(4, 1) |> add(input, [|y|]) }
            }
            network N {
              input [4, 8, 8]
              (input, input) |> B
            }
            """, "ND0116");

        Assert.Equal("'y' belongs to 'B', outside this group; a group sees only its own input (and the sizes of outer values, e.g. y.channels)", diagnostic.Message);
    }

    [Fact]
    public void ND0117_reserved_name()
    {
        var diagnostic = TestCompiler.Single("block [|conv|] = relu\n", "ND0117");

        Assert.Equal("'conv' is a built-in op; name the block differently", diagnostic.Message);
    }

    [Theory]
    [InlineData("network [|concat|] {\n  input [3, 8, 8]\n}\n", "'concat' is reserved; name the network differently")]
    [InlineData("block [|NetDslLayers|] = relu\n", "'NetDslLayers' is reserved; name the block differently")]
    [InlineData("block B([|add|] = 1) = relu\n", "'add' is a reserved name; choose another parameter name")]
    [InlineData("block [|round|] = relu\n", "'round' is a function on numbers; name the block differently")]
    public void ND0117_reserved_names(string marked, string message)
    {
        Assert.Equal(message, TestCompiler.Single(marked, "ND0117").Message);
    }

    [Fact]
    public void ND0122_a_declared_layer_never_applied()
    {
        // DeclaredLayerTests has the rest of name = layer(...).
        var diagnostic = TestCompiler.Single(Net("  [|fc|] = layer(conv(4, 1))\n  relu"), "ND0122");

        Assert.Equal("the layer 'fc' is declared but never applied: its input decides its shape and weights; apply it (x |> fc) or remove the declaration", diagnostic.Message);
    }

    [Fact]
    public void ND0118_result_never_used()
    {
        var diagnostic = TestCompiler.Single(Net("  [|conv(8, 3) |> relu|]\n  input |> conv(4, 1)"), "ND0118");

        Assert.Equal("the result of 'conv(8, 3) |> relu' is never used: the next line starts from another value, yet its layers are built and run; remove it, or name it (x = ...) and use it", diagnostic.Message);
    }

    // ---- ND02xx: shapes -----------------------------------------------------------------------------------

    [Fact]
    public void ND0201_merged_values_have_different_shapes()
    {
        var diagnostic = TestCompiler.Single(Net("  conv(16, 3, padding: 1) [|+|] conv(8, 3, padding: 1)"), "ND0201");

        Assert.Equal("add needs equal shapes at '(add)': input 1 is [16, 8, 8], input 2 is [8, 8, 8]; project one side with a 1x1 conv to match the channels", diagnostic.Message);
    }

    [Fact]
    public void ND0201_mul_accepts_a_vector_over_a_map_but_not_other_shapes()
    {
        var diagnostic = TestCompiler.Single(Net("  [|mul|](conv(4, 1), global_avgpool)"), "ND0201");

        Assert.Equal("mul cannot broadcast its inputs at '(mul)': input 1 is [4, 8, 8], input 2 is [3]; broadcasting aligns them at their last axis and needs each pair of sizes equal or one of them 1, but 8 meets 3 (axis 2 of input 1, axis 0 of input 2); a vector [C] scales a map [C, H, W] only when C is the same", diagnostic.Message);
    }

    [Fact]
    public void ND0202_concatenated_values_have_different_spatial_sizes()
    {
        var diagnostic = TestCompiler.Single(Net("  [|concat|](conv(16, 3), conv(8, 3, padding: 1))"), "ND0202");

        Assert.Equal("concat joins channels, so every input needs the same height and width at '(concat)': input 1 is [16, 6, 6], input 2 is [8, 8, 8]; match strides and padding of the branches", diagnostic.Message);
    }

    [Fact]
    public void ND0203_is_never_reported_an_empty_window_output_is_ND0204()
    {
        // ND0203 (output size not positive) is guarded by the ND0204 check before it: a window that fits in the padded
        // input always yields at least one row, with or without ceil mode. Every small case of conv and pool is ND0204.
        Assert.Equal(DslSeverity.Error, DiagnosticCatalog.EmptyOutput.Severity);
        var pads = new[] { Padding.Same, Padding.Valid, Padding.Explicit(0, 0), Padding.Explicit(1, 1), Padding.Explicit(2, 2) };
        foreach (var size in new long[] { 1, 2, 3, 5, 8 })
        foreach (var kernel in new long[] { 1, 2, 3, 5, 9 })
        foreach (var stride in new long[] { 1, 2, 3, 10 })
        foreach (var dilation in new long[] { 1, 3 })
        foreach (var ceil in new[] { false, true })
        foreach (var padding in pads)
        {
            var input = new Shape(2, size, size);
            foreach (var result in new[]
            {
                ShapeRules.Conv2d(input, 2, kernel, kernel, stride, stride, padding, dilation, dilation, 1, "conv", "0"),
                ShapeRules.Pool2d(input, kernel, kernel, stride, stride, padding, ceil, "maxpool", "0"),
            })
            {
                Assert.NotEqual("ND0203", result.Error?.Id);
                if (result.Ok) Assert.True(result.Shape.Height >= 1 && result.Shape.Width >= 1);
            }
        }

        // What a user sees for an empty output: a 3x3 conv after the map has shrunk to 1x1.
        var diagnostic = TestCompiler.Single(Net("  conv(4, 3, stride: 2) |> [|conv(4, 3, stride: 2)|]", input: "[3, 3, 3]"), "ND0204");
        Assert.StartsWith("conv at '1' has a 3x3 window but its input [4, 1, 1] is only 1x1 after padding", diagnostic.Message);
    }

    [Fact]
    public void ND0204_kernel_larger_than_the_padded_input()
    {
        var diagnostic = TestCompiler.Single(Net("  [|conv(16, 9)|]"), "ND0204");

        Assert.Equal("conv at '0' has a 9x9 window but its input [3, 8, 8] is only 8x8 after padding; use a smaller kernel or stride earlier, more padding, or a larger input", diagnostic.Message);
    }

    [Fact]
    public void ND0205_groups_do_not_divide_the_channels()
    {
        var diagnostic = TestCompiler.Single(Net("  [|conv(16, 3, groups: 2)|]"), "ND0205");

        Assert.Equal("conv at '0' has groups = 2, which must divide both its input channels (3, input [3, 8, 8]) and its output channels (16); use a divisor of both", diagnostic.Message);
    }

    [Fact]
    public void ND0206_op_needs_a_flat_input()
    {
        var diagnostic = TestCompiler.Single(Net("  [|linear(10)|]"), "ND0206");

        Assert.Equal("linear expects a flat input but '0' receives [3, 8, 8]; insert 'flatten' (or 'global_avgpool') before it", diagnostic.Message);
    }

    [Fact]
    public void ND0207_reshape_changes_the_element_count()
    {
        var diagnostic = TestCompiler.Single(Net("  [|reshape(3, 8, 9)|]"), "ND0207");

        Assert.Equal("reshape at '0' turns [3, 8, 8] (192 elements) into [3, 8, 9] (216 elements); the element count must not change", diagnostic.Message);
    }

    [Fact]
    public void ND0208_declared_in_differs_from_the_actual_input()
    {
        var diagnostic = TestCompiler.Single(Net("  flatten |> [|linear(10, in: 100)|]"), "ND0208");

        Assert.Equal("linear at '1' declares in: 100 but receives 192 features ([192]); remove 'in:' (it is inferred) or fix the layers before it", diagnostic.Message);
    }

    [Fact]
    public void ND0209_op_needs_a_map()
    {
        var diagnostic = TestCompiler.Single(Net("  flatten |> [|conv(3, 1)|]"), "ND0209");

        Assert.Equal("conv at '1' needs a [C, H, W] input but receives [192]; it works on images, not on flat vectors", diagnostic.Message);
    }

    [Fact]
    public void ND0210_border_pixels_silently_dropped()
    {
        var source = new MarkedSource(Net("  [|conv(96, 11, stride: 4)|]", input: "[3, 224, 224]"));
        var result = TestCompiler.Compile(source);

        var diagnostic = Assert.Single(result.Diagnostics);
        TestCompiler.AssertDiagnostic(diagnostic, "ND0210", source.Span);
        Assert.Equal(DslSeverity.Warning, diagnostic.Severity);
        Assert.Equal("conv at '0' silently drops border pixels of its input [3, 224, 224]: its last window ends before the last 1 row(s) and 1 column(s); an input of 227x227 here, padding: same, or ceil: true (pools) covers them", diagnostic.Message);
        Assert.Contains("N.g.cs", result.HintNames);
    }

    [Theory]
    [InlineData("[3, 227, 227]", "conv(96, 11, stride: 4)")]
    [InlineData("[3, 224, 224]", "conv(96, 11, stride: 4, padding: same)")]
    [InlineData("[3, 8, 8]", "conv(4, 1, stride: 2)")]
    [InlineData("[3, 7, 7]", "maxpool(2, ceil: true)")]
    public void ND0210_is_not_reported_when_every_pixel_is_seen_or_skipping_is_by_design(string input, string layer)
    {
        TestCompiler.Compile(Net("  " + layer, input: input)).AssertNoDiagnostics();
    }

    [Fact]
    public void ND0211_size_overflows_64_bits()
    {
        var diagnostic = TestCompiler.Single(Net("  [|flatten|]", input: "[3, 3037000500, 3037000500]"), "ND0211");

        Assert.Equal("flatten at '0' computes a size beyond 64 bits from input [3, 3037000500, 3037000500]; check the sizes feeding it", diagnostic.Message);
    }

    [Fact]
    public void ND0211_parameter_count_and_arithmetic_overflow()
    {
        var parameters = TestCompiler.Single(Net("  [|linear(big)|]", input: "[big]", parameters: "(big = 4000000000)"), "ND0211");
        Assert.Equal("linear at '0' has more than 2^63 parameters; check its sizes", parameters.Message);

        var arithmetic = TestCompiler.Single(Net("  conv(4, k [|+|] 1)", parameters: "(k = 9223372036854775807)"), "ND0211");
        Assert.Equal("this arithmetic overflows 64-bit integers; check the sizes", arithmetic.Message);

        // 2e9 x 2e9 outputs fit 64 bits; each sums 4 products, and the multiply-accumulates do not.
        var macs = TestCompiler.Single(Net("  [|linear(big)|]", input: "[big, 4]", parameters: "(big = 2000000000)"), "ND0211");
        Assert.Equal("linear at '0' computes more than 2^63 multiply-accumulates; check its sizes", macs.Message);
    }

    [Fact]
    public void ND0401_output_kind_decided_inside_a_block()
    {
        var diagnostic = TestCompiler.Single("""
            block Head(classes, probs = true) = linear(classes) |> softmax if [|probs|]
            network N {
              input [8]
              Head(4)
            }
            """, "ND0401");

        Assert.Equal("what network 'N' returns depends on this condition inside block 'Head': softmax probabilities when it holds, raw scores otherwise, and the network cannot evaluate it; apply the final activation in the network itself (e.g. 'head: Head() |> sigmoid if probabilities'), or end both branches the same way", diagnostic.Message);
    }

    [Fact]
    public void ND0401_is_not_reported_when_both_branches_end_alike()
    {
        TestCompiler.Compile("""
            block Head(classes, act = true) = linear(classes) |> relu if act |> softmax
            network N {
              input [8]
              Head(4)
            }
            """).AssertNoDiagnostics();
    }

    [Fact]
    public void ND0402_output_statement_not_on_a_networks_last_line()
    {
        var diagnostic = TestCompiler.Single("""
            network N {
              input [8]
              x = linear(4)
              [|output|] logits: x, aux: linear(2) if training
              relu
            }
            """, "ND0402");

        Assert.Equal("'output' ends network 'N': it names what the network returns, so no statement may follow it; move it to the last line", diagnostic.Message);
    }

    [Fact]
    public void ND0402_output_statement_in_a_block()
    {
        var diagnostic = TestCompiler.Single("""
            block Head {
              x = linear(4)
              [|output|] logits: x, aux: linear(2)
            }
            network N {
              input [8]
              Head()
            }
            """, "ND0402");

        Assert.Equal("only a network names its outputs; block 'Head' returns its last value. Name the network's outputs on its last line: output logits: x, aux: a if training", diagnostic.Message);
    }

    [Fact]
    public void ND0403_main_output_only_while_training()
    {
        var diagnostic = TestCompiler.Single("""
            network N {
              input [8]
              a = linear(2)
              x = linear(4)
              output aux: a if [|training|], logits: x
            }
            """, "ND0403");

        Assert.Equal("'aux', the first output, is the main one: the network returns it in evaluation too, so it cannot exist only while training; put an output that always exists first", diagnostic.Message);
    }

    [Fact]
    public void ND0403_output_on_another_condition()
    {
        var diagnostic = TestCompiler.Single("""
            network N(aux_logits = true) {
              input [8]
              a = linear(2)
              x = linear(4)
              output logits: x, aux: a if [|aux_logits|]
            }
            """, "ND0403");

        Assert.Equal("output 'aux' depends on a condition: an output exists always, or only while the network trains ('aux: value if training'); for arguments that leave an output out, declare a network without it", diagnostic.Message);
    }

    [Fact]
    public void ND0403_output_of_several_tensors()
    {
        var diagnostic = TestCompiler.Single("""
            network N {
              input [8]
              output logits: linear(4), both: [|input.chunk(2)|]
            }
            """, "ND0403");

        Assert.Equal("output 'both' is several tensors; an output is one tensor (merge several with concat, add or mul, or name each as an output)", diagnostic.Message);
    }

    [Fact]
    public void ND0112_output_named_twice()
    {
        var diagnostic = TestCompiler.Single("""
            network N {
              input [8]
              x = linear(4)
              output logits: x, [|logits|]: linear(2) if training
            }
            """, "ND0112");

        Assert.Equal("the output 'logits' is named twice; give each output its own name", diagnostic.Message);
    }

    [Fact]
    public void ND0112_outputs_that_would_be_one_record_property()
    {
        var diagnostic = TestCompiler.Single("""
            network N {
              input [8]
              x = linear(4)
              output aux_1: x, [|aux1|]: linear(2) if training
            }
            """, "ND0112");

        Assert.Equal("the outputs 'aux_1' and 'aux1' would both be the property 'Aux1' of the generated record; rename one", diagnostic.Message);
    }

    [Fact]
    public void ND0101_training_outside_an_output()
    {
        var diagnostic = TestCompiler.Single(Net("  dropout(0.5) if [|training|]"), "ND0101");

        Assert.Equal("'training' is a condition of a network's outputs only, an output that exists while the network trains: output logits: x, aux: a if training", diagnostic.Message);
    }

    [Fact]
    public void ND0117_output_record_named_like_another_declaration()
    {
        var diagnostic = TestCompiler.Single("""
            network N {
              input [8]
              x = linear(4)
              [|output|] logits: x, aux: linear(2) if training
            }
            network NOutput {
              input [8]
              linear(2)
            }
            """, "ND0117");

        Assert.Equal("network 'N' returns its outputs as the record 'NOutput', which is the name of another network or block; rename one of them", diagnostic.Message);
    }

    [Fact]
    public void ND0212_permute_with_a_repeated_or_missing_axis()
    {
        var diagnostic = TestCompiler.Single(Net("  [|permute(1, 1, 0)|]"), "ND0212");

        Assert.Equal("permute at '0' orders the axes (1, 1, 0) of its input [3, 8, 8], but axis 1 repeats and axis 2 is missing; list each of its 3 axes (0 to 2) exactly once", diagnostic.Message);
    }

    [Fact]
    public void ND0212_permute_as_a_method_with_too_few_axes()
    {
        var diagnostic = TestCompiler.Single(Net("  x = input.flatten(1)\n  [|x.permute(0)|]"), "ND0212");

        Assert.Equal("permute at '(permute)' orders the axes (0) of its input [3, 64], but axis 1 is missing; list each of its 2 axes (0 to 1) exactly once", diagnostic.Message);
    }

    [Fact]
    public void ND0213_a_slice_past_the_end()
    {
        var diagnostic = TestCompiler.Single(Net("  x = input[:, [|2:10|]]\n  x"), "ND0213");

        Assert.Equal("slice at '(slice)' slices [2:10] from axis 1 of [3, 8, 8], past the end: that axis has 8 elements, so start and stop lie in 0 to 8 (or -8 to -1 from the end)", diagnostic.Message);
    }

    [Fact]
    public void ND0213_a_select_past_the_end_and_an_empty_slice()
    {
        var select = TestCompiler.Single(Net("  x = input[[|3|]]\n  x"), "ND0213");
        Assert.Equal("select at '(select)' takes element 3 of axis 0 of [3, 8, 8], past the end: that axis has 3 elements (0 to 2, or -3 to -1 from the end)", select.Message);

        var empty = TestCompiler.Single(Net("  x = input[[|2:2|]]\n  x"), "ND0213");
        Assert.Equal("slice at '(slice)' slices [2:2] from axis 0 of [3, 8, 8], which leaves no element: the stop must come after the start", empty.Message);
    }

    [Fact]
    public void ND0213_split_sizes_that_do_not_add_up()
    {
        var diagnostic = TestCompiler.Single(Net("  (a, b) = [|input.split((2, 2))|]\n  a + b"), "ND0213");

        Assert.Equal("split at '(split)' cuts axis 0 of [3, 8, 8] into pieces of (2, 2), which run past its end: the sizes must add up to 3", diagnostic.Message);
    }

    [Fact]
    public void ND0214_a_symbolic_size_where_a_number_is_needed()
    {
        var diagnostic = TestCompiler.Single(Net("  linear([|input.size(0)|])", input: "[t <= 512, 64]"), "ND0214");

        Assert.Equal("'input.size(0)' is the symbolic size t (up to 512), known only when the network runs, but a number is needed here; give that axis a fixed size, or keep it whole where a reshape can (as its -1)", diagnostic.Message);
    }

    [Fact]
    public void ND0214_a_rule_that_needs_an_exact_size_names_the_symbol()
    {
        var linear = TestCompiler.Single(Net("  transpose(0, 1) |> [|linear(8)|]", input: "[t <= 512, 64]"), "ND0214");
        Assert.Equal("linear at '1' needs a fixed size for axis 1 of its input [64, t], but that is the symbolic size t (up to 512), known only when the network runs; its input features (the last axis) must be a number", linear.Message);

        var reshape = TestCompiler.Single(Net("  [|reshape(-1)|]", input: "[t <= 512, 64]"), "ND0214");
        Assert.Equal("reshape at '0' turns [t, 64] into [-1]: -1 would be t x 64, merging the symbolic axis with others; the sizes given must hold 64 elements so that -1 is t itself", reshape.Message);

        var slice = TestCompiler.Single(Net("  x = input[[|1:|]]\n  x", input: "[t <= 512, 64]"), "ND0214");
        Assert.Equal("slice at '(slice)' slices [1:] from axis 0 of [t, 64], the symbolic size t (1 to 512), known only when the network runs; only the whole axis [:] passes", slice.Message);
    }

    [Fact]
    public void ND0215_token_ids_into_an_op_that_computes()
    {
        var diagnostic = TestCompiler.Single(Net("  [|linear(8)|]", input: "tokens [t <= 16]"), "ND0215");

        Assert.Equal("linear at '0' computes with floats but receives token ids [t]; ids only pass through structural ops (reshape, permute, slices, ...) until an embedding looks them up", diagnostic.Message);
    }

    [Fact]
    public void ND0215_token_ids_into_arithmetic_and_merges()
    {
        var arithmetic = TestCompiler.Single(Net("  [|input * 2|]", input: "tokens [8]"), "ND0215");
        Assert.Equal("mul at '(mul)' computes with floats but receives token ids [8]; ids only pass through structural ops (reshape, permute, slices, ...) until an embedding looks them up", arithmetic.Message);

        var merge = TestCompiler.Single(Net("  input [|+|] input", input: "tokens [8]"), "ND0215");
        Assert.StartsWith("add at '(add)' computes with floats but input 1 is token ids [8]", merge.Message);
    }

    [Fact]
    public void ND0216_input_that_does_not_match_the_declared_shape_at_run_time()
    {
        var declared = new Shape(new long[] { 64, 32 }, new string?[] { "t", null });

        Assert.Null(ShapeRules.CheckInput(new long[] { 8, 5, 32 }, integral: false, declared, "Net"));
        Assert.Null(ShapeRules.CheckInput(new long[] { 1, 64, 32 }, integral: false, declared, "Net"));
        var rank = ShapeRules.CheckInput(new long[] { 5, 32 }, integral: false, declared, "Net")!;
        Assert.Equal("ND0216", rank.Id);
        Assert.Equal("network 'Net' expects a batch of [t <= 64, 32], a tensor of 3 axes (batch first), but receives [5, 32] (2 axes); add the batch axis, e.g. input.unsqueeze(0)", rank.Message);
        Assert.Equal("network 'Net' expects a batch of [t <= 64, 32] but receives [2, 65, 32]: axis 0 of the sample (t) is 65, outside 1 to 64",
            ShapeRules.CheckInput(new long[] { 2, 65, 32 }, integral: false, declared, "Net")!.Message);
        Assert.Equal("network 'Net' expects a batch of [t <= 64, 32] but receives [2, 5, 31]: axis 1 of the sample is 31, not 32",
            ShapeRules.CheckInput(new long[] { 2, 5, 31 }, integral: false, declared, "Net")!.Message);
        Assert.Equal("network 'Net' expects floating-point values but receives an integer tensor; convert it, e.g. input.to(float32)",
            ShapeRules.CheckInput(new long[] { 2, 5, 32 }, integral: true, declared, "Net")!.Message);
        Assert.Equal("network 'Net' expects token ids, an integer tensor (int64), but receives floating-point values; ids index an embedding",
            ShapeRules.CheckInput(new long[] { 2, 5 }, integral: false, new Shape(new long[] { 8 }, new string?[] { "t" }, ElementKind.Id), "Net")!.Message);
    }

    [Fact]
    public void ND0230_heads_that_do_not_divide_the_channels()
    {
        var diagnostic = TestCompiler.Single(Net("  conv(96, 4, stride: 4) |> permute(1, 2, 0)\n  [|window_attention(5, 7)|]", input: "[3, 32, 32]"), "ND0230");

        Assert.Equal("window_attention at '2' splits 96 channels (input [8, 8, 96]) into 5 heads, which do not divide them; use a number of heads that divides 96 (Swin-T: 3, 6, 12, 24 heads for 96, 192, 384, 768 channels)", diagnostic.Message);
    }

    [Fact]
    public void ND0231_window_attention_on_a_map_or_a_value_of_another_rank()
    {
        var map = TestCompiler.Single(Net("  conv(96, 4, stride: 4)\n  [|window_attention(3, 7)|]", input: "[3, 32, 32]"), "ND0231");
        Assert.Equal("window_attention at '1' needs a channels-last [H, W, C] input but receives [96, 8, 8], read as a map [C, H, W] with its channels first; Swin's blocks hold [H, W, C]: permute(1, 2, 0) after the patch embedding conv", map.Message);

        var tokens = TestCompiler.Single(Net("  [|window_attention(2, 7)|]", input: "[49, 96]"), "ND0231");
        Assert.StartsWith("window_attention at '0' needs a channels-last [H, W, C] input but receives [49, 96], which has 2 axes;", tokens.Message);
    }

    [Fact]
    public void ND0113_a_tuple_binding_with_another_number_of_values()
    {
        var diagnostic = TestCompiler.Single(Net("  ([|a|], b) = input.chunk(3)\n  a + b"), "ND0113");

        Assert.Equal("this binding names 2 values but the expression gives 3; bind one name per value (x.chunk(n) gives n values when the axis divides evenly)", diagnostic.Message);
    }

    [Fact]
    public void ND0114_an_axis_argument_out_of_range()
    {
        var diagnostic = TestCompiler.Single(Net("  [|softmax(3)|]"), "ND0114");

        Assert.Equal("softmax at '0' has dim 3 but its input [3, 8, 8] has 3 axes: 0 to 2, or -3 to -1 from the last; axes count the sample's axes, the batch excluded", diagnostic.Message);
    }

    [Fact]
    public void ND0108_a_function_only_op_written_as_a_layer()
    {
        var diagnostic = TestCompiler.Single(Net("  [|chunk|](2)"), "ND0108");

        Assert.Equal("'chunk' is a function of a tensor, not a layer: write it as a method, x.chunk(...), or as a stage on the current value, |> .chunk(...)", diagnostic.Message);
    }

    [Fact]
    public void ND0101_a_layer_or_unknown_name_as_a_method()
    {
        var layer = TestCompiler.Single(Net("  input.[|dropout|](0.1)"), "ND0101");
        Assert.Equal("'dropout' is a layer, not a function of a tensor (it has parameters, or behaves differently while training); write it as a stage: |> dropout", layer.Message);

        var unknown = TestCompiler.Single(Net("  input.[|permut|](1, 2, 0)"), "ND0101");
        Assert.StartsWith("a tensor has no method 'permut'; did you mean 'permute'?", unknown.Message);
    }

    [Fact]
    public void ND0201_shapes_that_do_not_broadcast()
    {
        var diagnostic = TestCompiler.Single(Net("  input [|+|] input[:, 0:2, 0:1]"), "ND0201");

        Assert.Equal("add cannot broadcast its inputs at '(add)': input 1 is [3, 8, 8], input 2 is [3, 2, 1]; broadcasting aligns them at their last axis and needs each pair of sizes equal or one of them 1, but 8 meets 2 (axis 1 of input 1, axis 1 of input 2)", diagnostic.Message);
    }

    [Fact]
    public void ND0206_linear_on_a_single_number_per_sample()
    {
        var diagnostic = TestCompiler.Single(Net("  x = input[0, 0, 0]\n  x |> [|linear(2)|]"), "ND0206");

        Assert.Equal("linear reads the last axis of its input but '0' receives [], a single number per sample; give it a vector", diagnostic.Message);
    }

    [Fact]
    public void ND0209_a_map_size_of_a_value_that_is_not_a_map()
    {
        var diagnostic = TestCompiler.Single(Net("  linear([|input.height|])", input: "[4, 6]"), "ND0209");

        Assert.Equal("'input.height' names an axis of a [C, H, W] map (or a vector), but the value is [4, 6]; read any axis with .size(i)", diagnostic.Message);
    }

    // ---- Problems inside blocks ---------------------------------------------------------------------------

    [Fact]
    public void A_problem_inside_a_block_is_reported_at_the_block_line_with_the_call_site()
    {
        var source = new MarkedSource("""
            block B(f) {
              [|conv(f, 3)|]
            }
            network N {
              input [3, 4, 4]
              B(8)
              {|call:B(8)|}
            }
            """);

        var diagnostic = Assert.Single(TestCompiler.Compile(source).Diagnostics);

        TestCompiler.AssertDiagnostic(diagnostic, "ND0204", source.Span);
        Assert.Equal("conv at '1.0' has a 3x3 window but its input [8, 2, 2] is only 2x2 after padding; use a smaller kernel or stride earlier, more padding, or a larger input (in block, called at m.net(7,3))", diagnostic.Message);
        Assert.Equal(new[] { source["call"] }, diagnostic.AdditionalSpans.ToArray());
    }

    [Fact]
    public void Nested_blocks_list_the_call_sites_innermost_first()
    {
        var source = new MarkedSource("""
            block Inner(f) = [|conv(f, 5)|]
            block Outer(f) = {|inner:Inner(f)|}
            network N {
              input [3, 4, 4]
              {|outer:Outer(8)|}
            }
            """);

        var diagnostic = Assert.Single(TestCompiler.Compile(source).Diagnostics);

        TestCompiler.AssertDiagnostic(diagnostic, "ND0204", source.Span);
        Assert.Contains("conv at '0.0.0'", diagnostic.Message);
        Assert.EndsWith("(in block, called at m.net(2,18))", diagnostic.Message);
        Assert.Equal(new[] { source["inner"], source["outer"] }, diagnostic.AdditionalSpans.ToArray());
    }

    [Fact]
    public void A_block_called_twice_with_the_same_problem_reports_it_once()
    {
        var source = new MarkedSource("""
            block B(f) = [|conv(f, 5)|]
            network N {
              input [3, 4, 4]
              concat({|first:B(8)|}, B(8))
            }
            """);

        var diagnostic = Assert.Single(TestCompiler.Compile(source).Diagnostics);

        Assert.Equal(source.Span, diagnostic.Span);
        Assert.Equal(new[] { source["first"] }, diagnostic.AdditionalSpans.ToArray());
    }

    [Fact]
    public void A_warning_inside_a_block_also_carries_the_call_site()
    {
        var source = new MarkedSource("""
            block Stem = [|conv(96, 11, stride: 4)|]
            network N {
              input [3, 224, 224]
              {|call:Stem|}
            }
            """);

        var diagnostic = Assert.Single(TestCompiler.Compile(source).Diagnostics);

        TestCompiler.AssertDiagnostic(diagnostic, "ND0210", source.Span);
        Assert.Equal(new[] { source["call"] }, diagnostic.AdditionalSpans.ToArray());
    }

    [Fact]
    public void Diagnostics_are_ordered_by_file_then_position()
    {
        var result = TestCompiler.Compile(
            new DslSource("b.net", Net("  linear(10)")),
            new DslSource("a.net", "network M {\n  input [3, 8, 8]\n  conv(4, 3) |> foo\n  bar\n}\n"));

        Assert.Equal(new[] { ("a.net", 2), ("a.net", 3), ("b.net", 2) }, result.Diagnostics.Select(d => (d.Span.Path, d.Span.StartLine)));
    }
}
