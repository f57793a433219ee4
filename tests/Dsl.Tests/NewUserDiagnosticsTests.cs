using System.Linq;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// The diagnostics a new user met when writing torchvision models (issue #14), each now naming the problem, where, and
/// the fix: labels that need quotes, a label after '+', PyTorch's and Keras' names, transposed letters, cascades after a
/// failed named value, one error hiding the next, and a layer whose result nothing uses.
/// </summary>
public sealed class NewUserDiagnosticsTests
{
    private static string Net(string body) => $"network N {{\n  input [3, 8, 8]\n{body}\n}}\n";

    // ---- labels that must be quoted, and a label after an operator (ND0002) ---------------------------------------

    [Theory]
    [InlineData("  [|block1-0|]: conv(8, 1)", "'block1-0' is not a name: a bare label has letters, digits and '_'; quote any other key: \"block1-0\": ...")]
    [InlineData("  [|conv-1x1|]: conv(8, 1)", "'conv-1x1' is not a name: a bare label has letters, digits and '_'; quote any other key: \"conv-1x1\": ...")]
    [InlineData("  [|block|]: conv(8, 1)", "'block' is a keyword, so it cannot be a bare label; quote it: \"block\": ...")]
    [InlineData("  [|input|]: conv(8, 1)", "'input' is a keyword, so it cannot be a bare label; quote it: \"input\": ...")]
    [InlineData("  [|layer1.0|]: conv(8, 1)", "a label cannot contain '.': PyTorch joins the labels of a key with '.', so 'a.b' is the child 'b' of a group labelled 'a'; write nested labels as groups, e.g. layer1: (...)")]
    [InlineData("  x = conv(8, 1)\n  x + [|shortcut|]: conv(8, 1)", "a label cannot follow '+': it labels the whole stage it starts; put the labelled layer in parentheses: x + (shortcut: ...)")]
    [InlineData("  x = conv(8, 1)\n  x * [|se|]: sigmoid", "a label cannot follow '*': it labels the whole stage it starts; put the labelled layer in parentheses: x * (se: ...)")]
    public void A_label_that_needs_quotes_or_parentheses_says_how_to_write_it(string body, string message)
    {
        var diagnostic = TestCompiler.Single(Net(body), "ND0002");

        Assert.Equal(message, diagnostic.Message);
    }

    [Fact]
    public void A_name_with_a_letter_beyond_ASCII_says_a_quoted_label_may_have_it()
    {
        var diagnostic = TestCompiler.Single(Net("  bl[|ö|]ck: conv(8, 1)"), "ND0001");

        Assert.Equal("unexpected character 'ö' in the name 'blöck'; names use ASCII letters, digits and '_' (a label may be any text in quotes: \"blöck\": ...)", diagnostic.Message);
    }

    [Fact]
    public void The_fixes_the_messages_give_work()
    {
        var net = TestCompiler.Network(Net("  \"block1-0\": conv(8, 1)\n  \"block\": conv(8, 1)\n  x = conv(8, 1)\n  x + (shortcut: conv(8, 1))"));

        Assert.Equal(new[] { "block1-0", "block", "2", "shortcut", "(add)" }, net.Paths);
    }

    [Fact]
    public void After_a_label_that_needs_quotes_the_rest_of_the_declaration_is_read_without_more_errors()
    {
        var result = TestCompiler.Compile(Net("  block1-0: conv(8, 1) |> bn |> relu\n  block1-1: conv(8, 1)"));

        Assert.Equal(new[] { "ND0002", "ND0002" }, result.Ids);
    }

    // ---- unknown names: other libraries' names, transposed letters (ND0101) ------------------------------------------

    [Theory]
    [InlineData("BatchNorm2d", "bn")]
    [InlineData("batchnorm", "bn")]
    [InlineData("BatchNormalization", "bn")]
    [InlineData("Conv2D", "conv")]
    [InlineData("conv2d", "conv")]
    [InlineData("Dense", "linear")]
    [InlineData("Linear", "linear")]
    [InlineData("MaxPooling2D", "maxpool")]
    [InlineData("max_pool2d", "maxpool")]
    [InlineData("GlobalAveragePooling2D", "global_avgpool")]
    [InlineData("ReLU", "relu")]
    [InlineData("LeakyReLU", "leaky_relu")]
    [InlineData("Concatenate", "concat")]
    public void A_PyTorch_or_Keras_name_is_answered_with_NetDsl_s(string name, string netDsl)
    {
        var diagnostic = TestCompiler.Single(Net($"  conv(8, 1) |> [|{name}|]"), "ND0101");

        Assert.Equal($"'{name}' is not a NetDsl op; NetDsl calls this '{netDsl}'", diagnostic.Message);
    }

    [Theory]
    [InlineData("rleu", "relu")]
    [InlineData("sigmiod", "sigmoid")]
    [InlineData("faltten", "flatten")]
    public void Two_letters_swapped_are_one_mistake(string name, string meant)
    {
        var diagnostic = TestCompiler.Single(Net($"  [|{name}|]"), "ND0101");

        Assert.Equal($"'{name}' is not an op, a block or a value in scope; did you mean '{meant}'?", diagnostic.Message);
    }

    [Fact]
    public void A_swapped_symbol_argument_is_suggested_too()
    {
        var diagnostic = TestCompiler.Single(Net("  conv(8, 3, padding: [|vaild|])"), "ND0101");

        Assert.EndsWith("did you mean 'valid'?", diagnostic.Message);
    }

    [Fact]
    public void A_one_letter_name_gets_no_suggestion_of_another_letter()
    {
        var diagnostic = TestCompiler.Single(Net("  r = conv(8, 1)\n  r |> [|x|]"), "ND0101");

        Assert.Equal("'x' is not an op, a block or a value in scope; see docs/language.md for the ops", diagnostic.Message);
    }

    // ---- no cascades after a failed named value ------------------------------------------------------------------------

    [Fact]
    public void After_a_named_value_fails_its_uses_report_nothing_more_and_nothing_is_falsely_unused()
    {
        // Was: 'r' undefined at every use, with "did you mean", and ND0111 for 'a', used only in the failed line.
        var source = new MarkedSource(Net("  a = conv(8, 1)\n  r = concat([|reluu|], a)\n  r |> conv(4, 1)\n  x = r |> relu\n  add(x, r)"));

        var diagnostic = Assert.Single(TestCompiler.Compile(source).Diagnostics);

        TestCompiler.AssertDiagnostic(diagnostic, "ND0101", source.Span);
        Assert.Equal("'reluu' is not an op, a block or a value in scope; did you mean 'relu'?", diagnostic.Message);
    }

    [Fact]
    public void A_named_value_of_the_wrong_kind_is_one_error_too()
    {
        var source = new MarkedSource(Net("  t = [|(input, input)|]\n  t |> relu"));

        var diagnostic = Assert.Single(TestCompiler.Compile(source).Diagnostics);

        TestCompiler.AssertDiagnostic(diagnostic, "ND0108", source.Span);
    }

    // ---- every independent error in one build -------------------------------------------------------------------------

    [Fact]
    public void Two_unknown_names_in_one_statement_are_both_reported()
    {
        var source = new MarkedSource(Net("  {|a:convv|}(8, 1) |> {|b:reluu|} |> {|c:bnn|}"));

        var result = TestCompiler.Compile(source);

        Assert.Equal(new[] { source["a"], source["b"], source["c"] }, result.Diagnostics.Select(d => d.Span));
        Assert.All(result.Diagnostics, d => Assert.Equal("ND0101", d.Id));
    }

    [Fact]
    public void Name_errors_and_the_shape_errors_of_other_statements_come_in_one_build()
    {
        var source = new MarkedSource(Net("""
              shortcut = input |> {|shape1:conv(16, 9)|}
              main = input |> conv(16, 3) |> {|name:bnn|} |> relu
              {|shape2:linear(10)|}
              add(shortcut, main)
            """));

        var result = TestCompiler.Compile(source);

        Assert.Equal(new[] { ("ND0204", source["shape1"]), ("ND0101", source["name"]), ("ND0206", source["shape2"]) }, result.Diagnostics.Select(d => (d.Id, d.Span)));
    }

    [Fact]
    public void A_shape_error_does_not_hide_the_next_and_what_depends_on_it_stays_quiet()
    {
        var source = new MarkedSource(Net("""
              a = input |> {|first:conv(8, 9)|} |> relu |> conv(8, 1)
              b = input |> {|second:maxpool(16)|}
              c = input |> conv(4, 1)
              concat(a, b, c) |> {|third:linear(10)|}
            """));

        var result = TestCompiler.Compile(source);

        // Both failures are reported; the concat and the linear, computed from an unknown shape, say nothing.
        Assert.Equal(new[] { ("ND0204", source["first"]), ("ND0204", source["second"]) }, result.Diagnostics.Select(d => (d.Id, d.Span)));
    }

    [Fact]
    public void A_network_calling_a_block_with_errors_still_checks_its_other_statements()
    {
        var source = new MarkedSource("block B = {|name:reluu|}\n" + Net("  x = input |> B\n  y = input |> {|shape:linear(4)|}\n  add(x, y)"));

        var result = TestCompiler.Compile(source);

        Assert.Equal(new[] { ("ND0101", source["name"]), ("ND0206", source["shape"]) }, result.Diagnostics.Select(d => (d.Id, d.Span)));
    }

    [Fact]
    public void A_network_with_an_error_gets_no_code_but_its_blocks_without_errors_do()
    {
        var result = TestCompiler.Compile("block B = relu\n" + Net("  B |> reluu"));

        Assert.Equal(new[] { "B.g.cs", "NetDslLayers.g.cs" }, result.HintNames.OrderBy(n => n, System.StringComparer.Ordinal));
    }

    // ---- a layer whose result nothing uses (ND0118) ---------------------------------------------------------------

    [Fact]
    public void A_line_whose_result_the_next_line_drops_is_ND0118()
    {
        var source = new MarkedSource(Net("  [|conv(8, 3) |> relu|]\n  input |> conv(4, 1)"));

        var diagnostic = Assert.Single(TestCompiler.Compile(source).Diagnostics);

        TestCompiler.AssertDiagnostic(diagnostic, "ND0118", source.Span);
    }

    [Theory]
    [InlineData("  conv(8, 1)\n  relu")]
    [InlineData("  x = conv(8, 1)\n  x |> relu")]
    [InlineData("  conv(8, 1)\n  x = input |> conv(8, 1)\n  add(x, relu)")]
    [InlineData("  conv(8, 1)\n  concat(input, conv(4, 1))")]
    [InlineData("  conv(8, 1)\n  { conv(4, 1) }\n  relu if false")]
    public void Results_that_a_later_line_reads_are_not_ND0118(string body)
    {
        TestCompiler.Compile(Net(body)).AssertNoDiagnostics();
    }

    // ---- children whose names collide only once the names are computed (ND0110) ----------------------------------------

    [Fact]
    public void A_template_copy_with_the_name_of_a_label_is_ND0110()
    {
        var source = new MarkedSource(Net("  layer1: relu\n  [|\"layer{i + 1}\"|]: relu * 2"));

        var diagnostic = Assert.Single(TestCompiler.Compile(source).Diagnostics);

        TestCompiler.AssertDiagnostic(diagnostic, "ND0110", source.Span);
        Assert.Equal("two children of 'N' are named 'layer1', by a label and by a copy of a repetition; state_dict keys must be unique, change the label", diagnostic.Message);
    }

    [Fact]
    public void A_quoted_label_with_the_index_of_a_later_child_is_ND0110()
    {
        var source = new MarkedSource(Net("  \"1\": relu\n  [|relu|]"));

        var diagnostic = Assert.Single(TestCompiler.Compile(source).Diagnostics);

        TestCompiler.AssertDiagnostic(diagnostic, "ND0110", source.Span);
        Assert.Equal("two children of 'N' are named '1', by a label and by the index of an unlabelled child; state_dict keys must be unique, change the label", diagnostic.Message);
    }
}
