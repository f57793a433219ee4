using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace NetDsl.LanguageServerTests;

/// <summary>
/// Hovers and inlay hints show shapes from the real check. The expected numbers are the reference's own: Szegedy et
/// al. 2016 (Inception-v4), figure 9 and table 1 give 35x35x384 after the stem and Inception-A, 17x17x1024 after
/// Reduction-A and Inception-B, 8x8x1536 after Reduction-B and Inception-C.
/// </summary>
public sealed class ShapeTests
{
    [Fact]
    public async Task Inlay_hints_give_every_line_of_a_network_its_output_shape()
    {
        using var workspace = TestWorkspace.WithExamples("Zoo");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        var file = workspace.Path("InceptionV4.net");
        var text = File.ReadAllText(file);
        await client.Open(file, text);
        var lines = text.Split('\n');
        var hints = await Hints(client, file, lines.Length);
        var network = System.Array.IndexOf(lines, "network InceptionV4(classes = 1000) {");
        string HintAt(string line)
        {
            var number = System.Array.IndexOf(lines, line, network);
            Assert.True(hints.ContainsKey(number), $"no hint on '{line}'");
            return hints[number];
        }
        Assert.Equal("→ [384, 35, 35]", HintAt("  StemV4"));
        Assert.Equal("→ [384, 35, 35]", HintAt("  InceptionA4 * 4"));
        Assert.Equal("→ [1024, 17, 17]", HintAt("  ReductionA(192, 224, 256, 384)"));
        Assert.Equal("→ [1024, 17, 17]", HintAt("  InceptionB4 * 7"));
        Assert.Equal("→ [1536, 8, 8]", HintAt("  ReductionB4"));
        Assert.Equal("→ [1536, 8, 8]", HintAt("  InceptionC4 * 3"));
        Assert.Equal("→ [1000]", HintAt("  global_avgpool |> dropout(0.2) |> linear(classes)"));
        Assert.False(hints.ContainsKey(network + 1), "the input line needs no hint");
    }

    [Fact]
    public async Task Inside_a_block_hints_give_the_first_call_and_say_when_calls_differ()
    {
        using var workspace = TestWorkspace.WithExamples("Zoo");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        var file = workspace.Path("InceptionV4.net");
        var text = File.ReadAllText(file);
        await client.Open(file, text);
        var hints = await Hints(client, file, text.Split('\n').Length);
        // ReductionA is called by InceptionResNetV2 (on [320, 35, 35], Keras' block35 output) and by InceptionV4 (on
        // [384, 35, 35]); networks are checked in name order, so the hint is InceptionResNetV2's pool.
        var maxpool = Documents.LineOf(text, "  maxpool(3, stride: 2))\n\n# Figure 8");
        Assert.Equal("→ [320, 17, 17] (call 1 of 2)", hints[maxpool]);
        // Inception-A is called four times with the same input: one shape, no note.
        var branch = Documents.LineOf(text, "  ConvBn(64, 1) |> ConvBn(96, 3) |> ConvBn(96, 3))");
        Assert.Equal("→ [96, 35, 35]", hints[branch]);
        // The concat's own line shows its output.
        Assert.Equal("→ [384, 35, 35]", hints[Documents.LineOf(text, "block InceptionA4 = concat(")]);
    }

    [Fact]
    public async Task Hover_on_a_block_call_shows_its_output_parameters_and_path()
    {
        using var workspace = TestWorkspace.WithExamples("Zoo");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        var file = workspace.Path("InceptionV4.net");
        var text = File.ReadAllText(file);
        await client.Open(file, text);
        var (line, character) = Documents.Find(text, "  ReductionA(192, 224, 256, 384)", offset: 4);
        var hover = await client.At("textDocument/hover", file, line, character);
        var markdown = hover.GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Equal("markdown", hover.GetProperty("contents").GetProperty("kind").GetString());
        Assert.Contains("ReductionA(192, 224, 256, 384)", markdown);
        Assert.Contains("block ReductionA(k, l, m, n, scale = true)", markdown);
        Assert.Contains("**[1024, 17, 17]**", markdown);
        Assert.Contains("at `InceptionV4 › 2`", markdown);
        Assert.Equal(line, hover.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Hover_inside_a_shared_block_lists_each_call()
    {
        using var workspace = TestWorkspace.WithExamples("Zoo");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        var file = workspace.Path("InceptionV4.net");
        var text = File.ReadAllText(file);
        await client.Open(file, text);
        // 'k' in ReductionA's body: 192 for Inception-v4 (table 1), 256 for Inception-ResNet-v2.
        var (line, character) = Documents.Find(text, "ConvBn(k, 1, scale: scale)", offset: 7);
        var markdown = (await client.At("textDocument/hover", file, line, character)).GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("(parameter) `k` of `ReductionA`", markdown);
        Assert.Contains("| InceptionResNetV2 › 16 | = 256 |", markdown);
        Assert.Contains("| InceptionV4 › 2 | = 192 |", markdown);

        // The same at its declaration.
        (line, character) = Documents.Find(text, "block ReductionA(k", offset: 17);
        var declared = (await client.At("textDocument/hover", file, line, character)).GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Equal(markdown, declared);

        // A layer inside the block: its output at both calls.
        (line, character) = Documents.Find(text, "ConvBn(m, 3, stride: 2, valid: true, scale: scale)", offset: 1);
        markdown = (await client.At("textDocument/hover", file, line, character)).GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("2 calls", markdown);
        // Child 3 of ReductionA; a 3x3 conv without bias (m x l x 9) and a batch norm: 256 x 224 x 9 + 512 (weight and
        // bias, 2m) for Inception-v4, 384 x 256 x 9 + 384 (bias only: scale: false) for Inception-ResNet-v2.
        Assert.Contains("| InceptionV4 › 2.3 | [256, 17, 17] | 516,608 |", markdown);
        Assert.Contains("| InceptionResNetV2 › 16.3 | [384, 17, 17] | 885,120 |", markdown);
    }

    [Fact]
    public async Task Hover_on_an_op_of_a_block_no_network_calls_shows_its_documentation()
    {
        using var workspace = new TestWorkspace();
        var file = workspace.Write("Blocks.net", "block Stem(f) = conv(f, 3, padding: 1) |> relu\n");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        await client.Open(file, File.ReadAllText(file));
        var markdown = (await client.At("textDocument/hover", file, 0, 17)).GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("conv(filters, kernel, stride: 1, padding: 0, dilation: 1, groups: 1, bias: true)", markdown);
        Assert.Contains("- padding: an integer, a pair (h, w), same or valid; default 0", markdown);
        markdown = (await client.At("textDocument/hover", file, 0, 7)).GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("block Stem(f)", markdown);
        Assert.Contains("Not used yet", markdown);
    }

    [Fact]
    public async Task Hover_on_a_learned_tensor_shows_its_shape_and_on_parameter_its_documentation()
    {
        using var workspace = new TestWorkspace();
        const string text = "network Net {\n  input [4, 8]\n  scale = parameter(8, fill: 1)\n  input * scale\n}\n";
        var file = workspace.Write("Net.net", text);
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        await client.Open(file, text);
        var (line, character) = Documents.Find(text, "scale = parameter", offset: 1);
        var markdown = (await client.At("textDocument/hover", file, line, character)).GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("**[8]**", markdown);
        (line, character) = Documents.Find(text, "parameter(8", offset: 2);
        markdown = (await client.At("textDocument/hover", file, line, character)).GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("parameter(sizes, batch_axis: false, std: 0, fill: 0)", markdown);
        Assert.Contains("nn.Parameter", markdown);
    }

    [Fact]
    public async Task Hover_on_a_declared_layer_shows_its_shape_where_applied_and_on_layer_its_documentation()
    {
        using var workspace = new TestWorkspace();
        const string text = "network Net {\n  input [4, 8]\n  reduction = layer(linear(2, bias: false))\n  input |> norm: layer_norm |> reduction\n}\n";
        var file = workspace.Write("Net.net", text);
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        await client.Open(file, text);
        var (line, character) = Documents.Find(text, "|> reduction", offset: 4);
        var markdown = (await client.At("textDocument/hover", file, line, character)).GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("**[4, 2]**", markdown);
        Assert.Contains("16 parameters", markdown);
        (line, character) = Documents.Find(text, "layer(linear", offset: 2);
        markdown = (await client.At("textDocument/hover", file, line, character)).GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("name = layer(op or block call)", markdown);
        Assert.Contains("ND0122", markdown);
    }

    private static async Task<Dictionary<int, string>> Hints(LspClient client, string file, int lineCount)
    {
        var hints = await client.Request("textDocument/inlayHint", new { textDocument = new { uri = LspClient.Uri(file) }, range = new { start = new { line = 0, character = 0 }, end = new { line = lineCount, character = 0 } } });
        return hints.EnumerateArray().ToDictionary(h => h.GetProperty("position").GetProperty("line").GetInt32(), h => h.GetProperty("label").GetString()!);
    }
}
