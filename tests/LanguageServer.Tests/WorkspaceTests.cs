using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace NetDsl.LanguageServerTests;

/// <summary>Which files are one project: the folder of the nearest .csproj, as the build compiles them.</summary>
public sealed class WorkspaceTests
{
    [Fact]
    public async Task Two_projects_in_one_workspace_do_not_see_each_others_blocks()
    {
        using var workspace = new TestWorkspace();
        var app = Directory.CreateDirectory(workspace.Path("App")).FullName;
        File.WriteAllText(Path.Combine(app, "App.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        var network = Path.Combine(app, "Net.net");
        File.WriteAllText(network, "network Net {\n  input [3, 8, 8]\n  Stem\n}\n");
        // The workspace root has a .csproj too (TestWorkspace writes one): Stem is declared there, not in App.
        workspace.Write("Blocks.net", "block Stem = conv(8, 3) |> relu\n");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        await client.Open(network, File.ReadAllText(network));
        var published = await client.Diagnostics(network);
        Assert.Contains("'Stem' is not an op, a block or a value in scope", published.GetProperty("diagnostics")[0].GetProperty("message").GetString());

        // The root project does not take App's files either: its block is unused, not duplicated or reached.
        var blocks = workspace.Path("Blocks.net");
        await client.Open(blocks, File.ReadAllText(blocks));
        Assert.Equal(0, (await client.Diagnostics(blocks)).GetProperty("diagnostics").GetArrayLength());
    }

    [Fact]
    public void A_folder_linked_to_its_parent_is_not_entered()
    {
        using var workspace = new TestWorkspace();
        workspace.Write("Net.net", "network Net {\n  input [3, 8, 8]\n  conv(8, 3)\n}\n");
        var sub = Directory.CreateDirectory(workspace.Path("models")).FullName;
        File.WriteAllText(Path.Combine(sub, "Other.net"), "network Other {\n  input [3, 8, 8]\n  relu\n}\n");
        // Two links back up: followed, the scan would never end (2^depth paths).
        Directory.CreateSymbolicLink(Path.Combine(sub, "again"), workspace.Root);
        Directory.CreateSymbolicLink(Path.Combine(sub, "twice"), sub);

        var snapshot = new NetDsl.LanguageServer.Project(workspace.Root).Analyze(new System.Collections.Generic.Dictionary<string, string>());

        Assert.Equal(new[] { "Net.net", "Other.net" }, snapshot.Files.Keys.Select(Path.GetFileName).OrderBy(n => n, System.StringComparer.Ordinal));
    }
}
