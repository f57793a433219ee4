using System.Linq;
using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// Labels that spell any PyTorch key: quoted labels (<c>"block"</c>, <c>"block1-0"</c>, torchvision's EfficientNet,
/// RegNet and MobileNet v3 keys), template labels for the copies of a repetition (<c>"encoder_layer_{i}"</c>, ViT's
/// 0-based keys), and repetitions whose copies read their index (<c>B(i) for i in n</c>).
/// </summary>
public sealed class NameTests
{
    private static GeneratedNetwork Net(string body, string parameters = "", string blocks = "") =>
        TestCompiler.Network($"{blocks}network N{parameters} {{\n  input [3, 4, 4]\n{body}\n}}\n");

    private const string Blocks = """
        block Enc(f) = conv(f, 1) |> relu
        block Swin(f, shift = 0) = conv(f + shift, 1)

        """;

    // ---- quoted labels --------------------------------------------------------------------------------------------

    [Fact]
    public void A_quoted_label_spells_a_keyword_and_a_hyphen_as_torchvision_keys_do()
    {
        // EfficientNet's features.1.0.block.0, RegNet's trunk_output.block1.block1-0.
        var net = Net("  \"block\": conv(8, 1)\n  \"block1-0\": (conv(8, 1) |> relu)\n  \"input\": relu", blocks: Blocks);

        Assert.Equal(new[] { "block", "block1-0.0", "block1-0.1", "input" }, net.Paths);
        Assert.Contains("private readonly Sequential block1_0;", net.Text);
    }

    [Fact]
    public void A_quoted_label_may_be_any_text_but_a_dot_and_takes_an_index_as_a_label_does()
    {
        var net = Net("  conv(8, 1)\n  \"a \\\"b\\\" \\\\ ü\": relu\n  relu");

        Assert.Equal(new[] { "0", "a \"b\" \\ ü", "2" }, net.Paths);
    }

    [Fact]
    public void A_quoted_label_that_is_a_name_is_that_name()
    {
        var quoted = Net("  \"features\": (conv(8, 1) |> relu)");
        var bare = Net("  features: (conv(8, 1) |> relu)");

        Assert.Equal(bare.Paths, quoted.Paths);
        Assert.Equal(bare.Text, quoted.Text);
    }

    [Fact]
    public void A_quoted_star_is_a_key_not_a_repetition_label()
    {
        Assert.Equal(new[] { "*.0", "*.1" }, Net("  \"*\": relu * 2").Paths);
    }

    // ---- template labels --------------------------------------------------------------------------------------------

    [Fact]
    public void A_template_label_names_the_copies_of_a_repetition_from_0_as_torchvision_vit()
    {
        var net = Net("  \"encoder_layer_{i}\": Enc(8) * 3\n  relu", blocks: Blocks);

        Assert.Equal(new[] { "encoder_layer_0.0", "encoder_layer_0.1", "encoder_layer_1.0", "encoder_layer_1.1", "encoder_layer_2.0", "encoder_layer_2.1", "3" }, net.Paths);
    }

    [Fact]
    public void A_template_may_compute_with_the_index_and_parameters()
    {
        var net = Net("  \"layer{i * 2 + first}_x\": conv(8, 1) * 3", parameters: "(first = 5)");

        Assert.Equal(new[] { "layer5_x", "layer7_x", "layer9_x" }, net.Paths);
    }

    [Fact]
    public void Name_star_is_shorthand_for_a_template_counting_from_1()
    {
        var star = Net("  denselayer*: Enc(4) * 2", blocks: Blocks);
        var template = Net("  \"denselayer{i + 1}\": Enc(4) * 2", blocks: Blocks);

        Assert.Equal(new[] { "denselayer1.0", "denselayer1.1", "denselayer2.0", "denselayer2.1" }, star.Paths);
        Assert.Equal(star.Paths, template.Paths);
        // The same module: only the comment that shows the label, and the declaration text that spells it, differ.
        Assert.Equal(WithoutDeclaration(star.Text.Replace("// denselayer*:", "// denselayer{i + 1}:")), WithoutDeclaration(template.Text));
    }

    [Fact]
    public void Braces_are_doubled_in_a_label()
    {
        Assert.Equal(new[] { "{0}", "{1}" }, Net("  \"{{{i}}}\": relu * 2").Paths);
    }

    // ---- repetitions whose copies read their index -------------------------------------------------------------------

    [Fact]
    public void A_comprehension_gives_each_copy_its_index_as_swin_gives_each_block_its_shift()
    {
        var net = Net("  Swin(8, shift: 0 if i % 2 == 0 else 3) for i in depth", parameters: "(depth = 4)", blocks: Blocks);

        // Numbered as Swin(8) * 4 numbers them; copies 1 and 3 are shifted.
        Assert.Equal(new[] { "0.0.0", "0.1.0", "0.2.0", "0.3.0" }, net.Paths);
        Assert.Equal(new long[] { 8, 11, 8, 11 }, net.Rows.Select(r => r.Output.Channels));
        Assert.Contains("shift: ((Dsl.FloorMod(i, 2) == 0) ? 0 : 3)", net.Text);
    }

    [Fact]
    public void A_template_label_splices_a_comprehension_and_reads_its_index_name()
    {
        var net = Net("  \"stage{j + 1}\": Enc(8 * (j + 1)) for j in 2", blocks: Blocks);

        Assert.Equal(new[] { "stage1.0", "stage1.1", "stage2.0", "stage2.1" }, net.Paths);
        Assert.Equal(new long[] { 8, 8, 16, 16 }, net.Rows.Select(r => r.Output.Channels));
    }

    [Fact]
    public void An_op_may_be_repeated_with_its_index()
    {
        var net = Net("  conv(4 * (i + 1), 1) for i in 3");

        Assert.Equal(new long[] { 4, 8, 12 }, net.Rows.Select(r => r.Output.Channels));
        Assert.Equal(new[] { "0.0", "0.1", "0.2" }, net.Paths);
    }

    [Fact]
    public void A_parenthesised_pipeline_comprehension_is_written_out_with_a_constant_index()
    {
        var net = Net("  (conv(4 * (k + 1), 1) |> relu) for k in 2");

        Assert.Equal(new[] { "0", "1", "2", "3" }, net.Paths);
        Assert.Equal(new long[] { 4, 4, 8, 8 }, net.Rows.Select(r => r.Output.Channels));
    }

    [Fact]
    public void The_index_hides_a_parameter_of_the_same_name_only_inside_the_comprehension()
    {
        var net = Net("  conv(i, 1) |> conv(i + 1, 1) for i in 2 |> conv(i, 1)", parameters: "(i = 7)");

        Assert.Equal(new long[] { 7, 1, 2, 7 }, net.Rows.Select(r => r.Output.Channels));
    }

    // ---- mistakes ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("  [|\"layer_{i}\"|]: conv(8, 1)", "ND0108", "'layer_{i}' names the copies of a repetition, e.g. \"layer_{i}\": DenseLayer(32) * 6; here it labels no repetition")]
    [InlineData("  \"layer_{[|k|]}\": conv(8, 1) * 2", "ND0101", "'k' is not an op, a block or a value in scope; see docs/language.md for the ops")]
    [InlineData("  conv(8, 1) for i in [|range(3)|]", "ND0108", "'for i in' takes the number of copies, not a range: for i in 3")]
    [InlineData("  [|input|] for i in 3", "ND0108", "'for i in' repeats one op or block call, B(i) for i in n, or a pipeline in parentheses, (a |> b) for i in 3; this is a tensor")]
    [InlineData("  relu if [|i > 0|] for i in 3", "ND0108", "the condition of a repeated layer cannot read the copy index 'i': all copies exist or none; pass i to a block whose layer has the condition")]
    [InlineData("  conv(8, 1, [|\"bias\"|]: false)", "ND0104", "a named argument is written bare, bias: ...; quotes are for labels")]
    [InlineData("  \"[|features.0|]\": relu", "ND0002", "a label cannot contain '.': PyTorch joins the labels of a key with '.', so 'a.b' is the child 'b' of a group labelled 'a'")]
    [InlineData("  \"[||]\": relu", "ND0002", "a label cannot be empty: PyTorch names every child")]
    [InlineData("  \"layer[|{i|]\": relu * 2", "ND0002", "this '{' has no '}': a template label writes the copy's number as {i} or {i + 1}; write '{{' for a brace")]
    [InlineData("  \"layer[|}|]\": relu", "ND0002", "a '}' without its '{'; write '}}' for a brace in a label")]
    [InlineData("  \"layer[|{}|]\": relu * 2", "ND0002", "expected an expression between '{' and '}', e.g. {i}")]
    [InlineData("  [|\"layer|]\n", "ND0002", "this quoted label has no closing '\"'; a label is written on one line: \"block1-0\": ...")]
    [InlineData("  \"layer{[|i / 2.0|]}\": relu * 2", "ND0108", "'{i / 2.0}' in a label must be an integer, not a float")]
    [InlineData("  conv(8, 1) [|\"x\"|]", "ND0002", "expected the end of the line, found '\"x\"'; put each statement on its own line")]
    public void Mistakes_with_labels_and_comprehensions_say_what_to_write(string body, string id, string message)
    {
        var diagnostic = TestCompiler.Single($"{Blocks}network N {{\n  input [3, 4, 4]\n{body}\n}}\n", id);

        Assert.Equal(message, diagnostic.Message);
    }

    [Fact]
    public void A_label_longer_than_the_limit_is_ND0006()
    {
        var label = new string('a', NetDsl.Syntax.Labels.MaxLength + 1);

        var quoted = TestCompiler.Single($"network N {{\n  input [3, 4, 4]\n  \"[|{label}|]\": relu\n}}\n", "ND0006");
        var bare = TestCompiler.Single($"network N {{\n  input [3, 4, 4]\n  [|{label}|]: relu\n}}\n", "ND0006");

        Assert.Equal($"this label has 129 characters; a name or label has at most 128", quoted.Message);
        Assert.Equal($"this name has 129 characters; a name or label has at most 128", bare.Message);
        TestCompiler.Network($"network N {{\n  input [3, 4, 4]\n  \"{label.Substring(1)}\": relu\n}}\n");
    }

    private static string WithoutDeclaration(string text) => System.Text.RegularExpressions.Regex.Replace(text, "public const string DeclarationText = .*;\n", "");
}
