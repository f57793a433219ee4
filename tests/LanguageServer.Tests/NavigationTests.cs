using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using StreamJsonRpc;
using Xunit;

namespace NetDsl.LanguageServerTests;

/// <summary>Go to definition, find references, rename and the outline, across the files of a project.</summary>
public sealed class NavigationTests
{
    [Fact]
    public async Task Definition_of_a_block_call_is_its_declaration_in_another_file()
    {
        using var workspace = TestWorkspace.WithExamples("Zoo");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        var file = workspace.Path("InceptionV4.net");
        var text = File.ReadAllText(file);
        await client.Open(file, text);
        var (line, character) = Documents.Find(text, "ConvBn(32, 3, stride: 2", offset: 2);
        var locations = await client.At("textDocument/definition", file, line, character);
        var location = Assert.Single(locations.EnumerateArray());
        Assert.Equal(LspClient.Uri(workspace.Path("Common.net")), location.GetProperty("uri").GetString());
        var common = File.ReadAllText(workspace.Path("Common.net"));
        Assert.Equal(Documents.Find(common, "ConvBn(f, kh").Line, location.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task References_of_a_value_stay_in_its_block_and_those_of_a_block_span_the_project()
    {
        using var workspace = TestWorkspace.WithExamples("Zoo");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        var file = workspace.Path("InceptionV4.net");
        var text = File.ReadAllText(file);
        await client.Open(file, text);

        // 'mixed' is declared in Block35, Block17 and Block8: each has its own.
        var (line, character) = Documents.Find(text, "mixed |> conv", occurrence: 1);
        var references = await client.Request("textDocument/references", new { textDocument = new { uri = LspClient.Uri(file) }, position = new { line, character }, context = new { includeDeclaration = true } });
        var lines = references.EnumerateArray().Select(r => r.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32()).ToList();
        Assert.Equal(new[] { Documents.Find(text, "mixed = concat", occurrence: 1).Line, line }, lines);

        // ConvBn: declared once in Common.net, called from InceptionV4.net and Xception? No: from the Inception files only.
        (line, character) = Documents.Find(text, "ConvBn(32, 3, stride: 2");
        references = await client.Request("textDocument/references", new { textDocument = new { uri = LspClient.Uri(file) }, position = new { line, character }, context = new { includeDeclaration = false } });
        var files = references.EnumerateArray().Select(r => Path.GetFileName(new System.Uri(r.GetProperty("uri").GetString()!).LocalPath)).Distinct().OrderBy(f => f).ToList();
        Assert.Equal(new[] { "InceptionV4.net" }, files);
        var calls = workspace.Files.Sum(f => CountCalls(File.ReadAllText(f), "ConvBn("));
        Assert.Equal(calls, references.GetArrayLength());
    }

    [Fact]
    public async Task Rename_of_a_block_changes_its_declaration_and_every_call_in_every_file()
    {
        using var workspace = TestWorkspace.WithExamples("Zoo");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        var common = workspace.Path("Common.net");
        var text = File.ReadAllText(common);
        await client.Open(common, text);
        var (line, character) = Documents.Find(text, "ConvBn(f, kh");
        var prepared = await client.At("textDocument/prepareRename", common, line, character);
        Assert.Equal("ConvBn", prepared.GetProperty("placeholder").GetString());

        var before = workspace.Build().Diagnostics.Select(d => d.ToString()).ToList(); // SqueezeNet's warnings
        var edit = await client.Request("textDocument/rename", new { textDocument = new { uri = LspClient.Uri(common) }, position = new { line, character }, newName = "ConvBnRelu" });
        var changes = edit.GetProperty("changes");
        var renamed = 0;
        foreach (var file in workspace.Files)
        {
            var after = Apply(File.ReadAllText(file), changes.TryGetProperty(LspClient.Uri(file), out var edits) ? edits : default);
            renamed += edits.ValueKind == JsonValueKind.Array ? edits.GetArrayLength() : 0;
            File.WriteAllText(file, after);
            Assert.DoesNotContain("ConvBn(", after.Replace("ConvBnRelu(", ""));
        }
        Assert.True(renamed > 50);
        Assert.Equal(before, workspace.Build().Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public async Task Rename_of_a_parameter_renames_the_named_arguments_that_give_it()
    {
        using var workspace = new TestWorkspace();
        var file = workspace.Write("Net.net", "block Down(f, pre_relu = true) = relu if pre_relu |> conv(f, 3)\n\nnetwork Net {\n  input [3, 8, 8]\n  Down(8, pre_relu: false)\n}\n");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        var text = File.ReadAllText(file);
        await client.Open(file, text);
        var (line, character) = Documents.Find(text, "pre_relu: false");
        var edit = await client.Request("textDocument/rename", new { textDocument = new { uri = LspClient.Uri(file) }, position = new { line, character }, newName = "activate" });
        var after = Apply(text, edit.GetProperty("changes").GetProperty(LspClient.Uri(file)));
        Assert.Equal("block Down(f, activate = true) = relu if activate |> conv(f, 3)\n\nnetwork Net {\n  input [3, 8, 8]\n  Down(8, activate: false)\n}\n", after);
    }

    [Fact]
    public async Task Rename_to_a_name_that_is_taken_or_not_a_name_is_refused_with_the_reason()
    {
        using var workspace = TestWorkspace.WithExamples("Zoo");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        var common = workspace.Path("Common.net");
        var text = File.ReadAllText(common);
        await client.Open(common, text);
        var (line, character) = Documents.Find(text, "ConvBn(f, kh");
        var taken = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.Request("textDocument/rename", new { textDocument = new { uri = LspClient.Uri(common) }, position = new { line, character }, newName = "BasicConv" }));
        Assert.Contains("'BasicConv' is already declared", taken.Message);
        var op = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.Request("textDocument/rename", new { textDocument = new { uri = LspClient.Uri(common) }, position = new { line, character }, newName = "conv" }));
        Assert.Contains("built-in op", op.Message);
        var keyword = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.Request("textDocument/rename", new { textDocument = new { uri = LspClient.Uri(common) }, position = new { line, character }, newName = "parallel" }));
        Assert.Contains("keyword", keyword.Message);
        var notName = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.Request("textDocument/rename", new { textDocument = new { uri = LspClient.Uri(common) }, position = new { line, character }, newName = "2x" }));
        Assert.Contains("not a name", notName.Message);
    }

    [Fact]
    public async Task Rename_of_a_label_keeps_the_star_of_copies()
    {
        using var workspace = new TestWorkspace();
        var file = workspace.Write("Net.net", "block Layer(f = 4) = concat(input, conv(f, 3, padding: 1))\n\nnetwork Net {\n  input [3, 8, 8]\n  denselayer*: Layer * 2\n  head: (flatten |> linear(10))\n}\n");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        var text = File.ReadAllText(file);
        await client.Open(file, text);
        var (line, character) = Documents.Find(text, "denselayer*");
        var edit = await client.Request("textDocument/rename", new { textDocument = new { uri = LspClient.Uri(file) }, position = new { line, character }, newName = "layer" });
        Assert.Contains("  layer*: Layer * 2\n", Apply(text, edit.GetProperty("changes").GetProperty(LspClient.Uri(file))));
    }

    [Fact]
    public async Task Document_symbols_nest_values_and_labels_in_their_declarations()
    {
        using var workspace = TestWorkspace.WithExamples("Networks");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        var file = workspace.Path("Tour.net");
        await client.Open(file, File.ReadAllText(file));
        var symbols = await client.Request("textDocument/documentSymbol", new { textDocument = new { uri = LspClient.Uri(file) } });
        var names = symbols.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(new[] { "Res", "Fire", "SE", "Down", "Cell", "Inverted", "DenseLayer", "Tour" }, names);
        var inverted = symbols.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Inverted");
        Assert.Equal(new[] { "f", "stride", "t", "hidden", "body" }, inverted.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToArray());
        var body = inverted.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "body");
        Assert.Equal("conv", Assert.Single(body.GetProperty("children").EnumerateArray()).GetProperty("name").GetString());
        var tour = symbols.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Tour");
        Assert.Contains(tour.GetProperty("children").EnumerateArray(), c => c.GetProperty("name").GetString() == "classifier" && c.GetProperty("kind").GetInt32() == 8);
    }

    private static int CountCalls(string text, string call) => (text.Length - text.Replace(call, "").Length) / call.Length - (text.Contains("block " + call) ? 1 : 0);

    /// <summary>Applies LSP text edits (non-overlapping) to a text.</summary>
    public static string Apply(string text, JsonElement edits)
    {
        if (edits.ValueKind != JsonValueKind.Array) return text;
        var starts = new System.Collections.Generic.List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') starts.Add(i + 1);
        }
        int Offset(JsonElement position) => starts[position.GetProperty("line").GetInt32()] + position.GetProperty("character").GetInt32();
        foreach (var edit in edits.EnumerateArray().OrderByDescending(e => Offset(e.GetProperty("range").GetProperty("start"))))
        {
            var start = Offset(edit.GetProperty("range").GetProperty("start"));
            var end = Offset(edit.GetProperty("range").GetProperty("end"));
            text = text.Substring(0, start) + edit.GetProperty("newText").GetString() + text.Substring(end);
        }
        return text;
    }
}
