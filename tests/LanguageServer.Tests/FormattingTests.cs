using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace NetDsl.LanguageServerTests;

/// <summary>Formatting over JSON-RPC: the canonical layout (docs/editor.md), comments kept, a second format changes nothing.</summary>
public sealed class FormattingTests
{
    [Fact]
    public async Task A_messy_file_gets_the_canonical_layout_and_keeps_its_comments()
    {
        const string messy = "# header\n\n\n\nblock Stem( f,k=3 )=conv(f,k,padding:same)|>relu   # trailing\nnetwork Net(classes=10){\n      input [3,32,32]\n    # a comment\n  x=Stem(16)|>maxpool( 2 )\n\n\n      y = x\n            |> Stem(32)\n  concat(x ,\n y)|>flatten |> linear(classes)\n}\n";
        const string canonical = "# header\n\nblock Stem(f, k = 3) = conv(f, k, padding: same) |> relu # trailing\nnetwork Net(classes = 10) {\n  input [3, 32, 32]\n  # a comment\n  x = Stem(16) |> maxpool(2)\n\n  y = x\n        |> Stem(32)\n  concat(x,\n    y) |> flatten |> linear(classes)\n}\n";
        using var workspace = new TestWorkspace();
        var file = workspace.Write("Net.net", messy);
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        await client.Open(file, messy);
        var formatted = NavigationTests.Apply(messy, await Format(client, file));
        Assert.Equal(canonical, formatted);

        await client.Change(file, 2, new { text = formatted });
        Assert.Equal(0, (await Format(client, file)).GetArrayLength());
    }

    [Theory]
    [InlineData("Zoo")]
    [InlineData("Networks")]
    public async Task The_examples_are_already_canonical(string folder)
    {
        using var workspace = TestWorkspace.WithExamples(folder);
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        foreach (var file in workspace.Files)
        {
            await client.Open(file, File.ReadAllText(file));
            var edits = await Format(client, file);
            Assert.True(edits.GetArrayLength() == 0, $"{Path.GetFileName(file)}: {NavigationTests.Apply(File.ReadAllText(file), edits)}");
        }
    }

    private static Task<System.Text.Json.JsonElement> Format(LspClient client, string file) =>
        client.Request("textDocument/formatting", new { textDocument = new { uri = LspClient.Uri(file) }, options = new { tabSize = 2, insertSpaces = true } });
}
