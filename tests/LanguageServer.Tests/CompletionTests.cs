using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace NetDsl.LanguageServerTests;

/// <summary>Completion of ops, blocks, values and named arguments, with the catalog's signatures and documentation, on lines still being typed.</summary>
public sealed class CompletionTests
{
    private const string Source = "block Stem(f, stride = 1) = conv(f, 3, stride: stride) |> relu\n\nnetwork Net(classes = 10) {\n  input [3, 32, 32]\n  x = Stem(16)\n  \n}\n";

    [Fact]
    public async Task In_a_body_ops_blocks_values_and_parameters_are_offered_with_their_signatures()
    {
        var items = await Complete(Source, "  x = Stem(16)\n  ", 0);
        var conv = items["conv"];
        Assert.Equal("conv(filters, kernel, stride: 1, padding: 0, dilation: 1, groups: 1, bias: true)", conv.GetProperty("detail").GetString());
        Assert.Contains("2-D convolution", conv.GetProperty("documentation").GetProperty("value").GetString());
        Assert.Equal("conv(${1:filters}, ${2:kernel})", conv.GetProperty("textEdit").GetProperty("newText").GetString());
        Assert.Equal(2, conv.GetProperty("insertTextFormat").GetInt32());
        Assert.Equal("relu", items["relu"].GetProperty("textEdit").GetProperty("newText").GetString());
        Assert.Equal("block Stem(f, stride = 1)", items["Stem"].GetProperty("detail").GetString());
        Assert.Equal("Stem(${1:f})", items["Stem"].GetProperty("textEdit").GetProperty("newText").GetString());
        Assert.True(items.ContainsKey("x"));
        Assert.True(items.ContainsKey("classes"));
        Assert.True(items.ContainsKey("concat"));
        Assert.True(items.ContainsKey("parallel"));
    }

    [Fact]
    public async Task Inside_an_op_call_its_named_arguments_not_yet_given_are_offered()
    {
        var text = Source.Replace("  x = Stem(16)\n  \n", "  x = Stem(16)\n  conv(8, 3, stride: 2, \n");
        var items = await Complete(text, "conv(8, 3, stride: 2, ", 0);
        Assert.False(items.ContainsKey("stride:"));
        var padding = items["padding:"];
        Assert.Equal("padding: ", padding.GetProperty("textEdit").GetProperty("newText").GetString());
        Assert.Equal("padding: an integer, a pair (h, w), same or valid; default 0", padding.GetProperty("documentation").GetProperty("value").GetString());
        Assert.True(items.ContainsKey("groups:"));
        Assert.True(string.CompareOrdinal(padding.GetProperty("sortText").GetString(), items["conv"].GetProperty("sortText").GetString()) < 0, "arguments come first");
    }

    [Fact]
    public async Task Inside_a_block_call_its_parameters_are_offered_by_name()
    {
        var text = Source.Replace("  x = Stem(16)\n  \n", "  x = Stem(16)\n  Stem(8, str\n");
        var items = await Complete(text, "Stem(8, str", 0);
        Assert.Equal("parameter stride = 1", items["stride:"].GetProperty("documentation").GetProperty("value").GetString());
        // The typed part 'str' is what the completion replaces.
        var range = items["stride:"].GetProperty("textEdit").GetProperty("range");
        Assert.Equal(10, range.GetProperty("start").GetProperty("character").GetInt32());
        Assert.Equal(13, range.GetProperty("end").GetProperty("character").GetInt32());
    }

    [Fact]
    public async Task After_a_dot_the_sizes_of_a_value_and_its_methods_are_offered()
    {
        var text = Source.Replace("  x = Stem(16)\n  \n", "  x = Stem(16)\n  conv(x.\n");
        var items = await Complete(text, "conv(x.", 0);
        var methods = NetDsl.Catalog.OpCatalog.All.Where(op => (op.Forms & NetDsl.Catalog.OpForms.Function) != 0).Select(op => op.Name);
        Assert.Equal(new[] { "channels", "height", "rank", "size", "width" }.Concat(methods).OrderBy(k => k, System.StringComparer.Ordinal).ToArray(),
            items.Keys.OrderBy(k => k, System.StringComparer.Ordinal).ToArray());
        Assert.Contains("permute", items.Keys);
        Assert.DoesNotContain("conv", items.Keys);
    }

    [Fact]
    public async Task A_learned_tensor_is_offered_and_inside_it_its_arguments()
    {
        var items = await Complete(Source, "  x = Stem(16)\n  ", 0);
        Assert.Equal("parameter(sizes, batch_axis: false, std: 0, fill: 0)", items["parameter"].GetProperty("detail").GetString());
        Assert.Contains("persistent buffer", items["buffer"].GetProperty("documentation").GetProperty("value").GetString());
        Assert.Equal("name = layer(op or block call)", items["layer"].GetProperty("detail").GetString());

        var text = Source.Replace("  x = Stem(16)\n  \n", "  x = Stem(16)\n  scale = parameter(8, \n");
        var arguments = await Complete(text, "parameter(8, ", 0);
        Assert.True(arguments.ContainsKey("batch_axis:"));
        Assert.True(arguments.ContainsKey("fill:"));
    }

    [Fact]
    public async Task At_the_top_level_declarations_are_offered()
    {
        var items = await Complete(Source + "\n", "}\n\n", 0);
        Assert.Equal(new[] { "block", "network" }, items.Keys.OrderBy(k => k).ToArray());
        Assert.StartsWith("network ${1:Name} {", items["network"].GetProperty("textEdit").GetProperty("newText").GetString());
    }

    [Fact]
    public async Task Signature_help_shows_the_catalog_signature_and_the_argument_being_written()
    {
        var text = Source.Replace("  x = Stem(16)\n  \n", "  x = Stem(16)\n  conv(8, 3, padding: \n  Stem(4, \n");
        using var workspace = new TestWorkspace();
        var file = workspace.Write("Net.net", text);
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        await client.Open(file, text);

        var (line, character) = Documents.Find(text, "conv(8, 3, padding: ", offset: "conv(8, 3, padding: ".Length);
        var help = await client.At("textDocument/signatureHelp", file, line, character);
        var signature = help.GetProperty("signatures")[0];
        var label = signature.GetProperty("label").GetString()!;
        Assert.Equal("conv(filters, kernel, stride: 1, padding: 0, dilation: 1, groups: 1, bias: true)", label);
        var active = signature.GetProperty("parameters")[help.GetProperty("activeParameter").GetInt32()];
        var range = active.GetProperty("label").EnumerateArray().Select(i => i.GetInt32()).ToArray();
        Assert.Equal("padding: 0", label[range[0]..range[1]]);

        (line, character) = Documents.Find(text, "  Stem(4, ", offset: "  Stem(4, ".Length);
        help = await client.At("textDocument/signatureHelp", file, line, character);
        signature = help.GetProperty("signatures")[0];
        label = signature.GetProperty("label").GetString()!;
        Assert.Equal("Stem(f, stride = 1)", label);
        range = signature.GetProperty("parameters")[help.GetProperty("activeParameter").GetInt32()].GetProperty("label").EnumerateArray().Select(i => i.GetInt32()).ToArray();
        Assert.Equal("stride = 1", label[range[0]..range[1]]);
    }

    /// <summary>Completion items by label, at the end of <paramref name="after"/>'s occurrence.</summary>
    private static async Task<Dictionary<string, JsonElement>> Complete(string text, string after, int occurrence)
    {
        using var workspace = new TestWorkspace();
        var file = workspace.Write("Net.net", text);
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        await client.Open(file, text);
        var (line, character) = Documents.Find(text, after, occurrence, after.Length);
        var list = await client.At("textDocument/completion", file, line, character);
        Assert.False(list.GetProperty("isIncomplete").GetBoolean());
        return list.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("label").GetString()!, i => i.Clone());
    }
}
