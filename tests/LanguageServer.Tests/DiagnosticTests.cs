using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using NetDsl.Diagnostics;
using Xunit;

namespace NetDsl.LanguageServerTests;

/// <summary>Diagnostics as you type are the build's: the same IDs, messages, spans and call sites as DslCompiler gives for the same files.</summary>
public sealed class DiagnosticTests
{
    [Theory]
    [InlineData("Zoo")]
    [InlineData("Networks")]
    [InlineData("QuickStart")]
    [InlineData("TransferLearning")]
    public async Task Examples_have_the_builds_diagnostics_in_every_file(string folder)
    {
        using var workspace = TestWorkspace.WithExamples(folder);
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        var first = workspace.Files[0];
        await client.Open(first, File.ReadAllText(first));
        var build = workspace.Build();
        foreach (var file in workspace.Files)
        {
            Assert.Equal(Expected(build.Diagnostics, file), Published(await client.Diagnostics(file)));
        }
    }

    [Fact]
    public async Task Errors_in_a_block_and_at_its_calls_match_the_build_across_files()
    {
        using var workspace = TestWorkspace.WithExamples("Zoo");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        // ConvBn (Common.net) is called from every Inception file: a shape error inside it is reported once, in Common.net,
        // with its call sites; a wrong argument at one call is reported in the caller's file.
        var common = workspace.Path("Common.net");
        var broken = File.ReadAllText(common).Replace("conv(f, (kh, kw), stride: stride, bias: false) if valid", "conv(f, (kh * 40, kw), stride: stride, bias: false) if valid");
        Assert.NotEqual(File.ReadAllText(common), broken);
        await client.Open(common, broken);
        var build = workspace.Build(common, broken);
        Assert.Contains(build.Diagnostics, d => d.Span.Path == common && d.Severity == DslSeverity.Error);
        foreach (var file in workspace.Files)
        {
            Assert.Equal(Expected(build.Diagnostics, file), Published(await client.Diagnostics(file)));
        }
    }

    [Fact]
    public async Task An_edit_mid_statement_reports_what_the_build_reports_for_that_text()
    {
        using var workspace = TestWorkspace.WithExamples("Zoo");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        var file = workspace.Path("InceptionV4.net");
        var text = File.ReadAllText(file);
        await client.Open(file, text);
        Assert.Empty(Published(await client.Diagnostics(file)));

        // Type "conv(64, " at the start of the line "  ReductionB4", as an editor sends it: one incremental change.
        var line = text.Split('\n').ToList().FindIndex(l => l == "  ReductionB4");
        await client.Change(file, 2, new { range = new { start = new { line, character = 2 }, end = new { line, character = 2 } }, text = "conv(64, " });
        var edited = text.Replace("\n  ReductionB4\n", "\n  conv(64, ReductionB4\n");
        var published = await client.Diagnostics(file);
        Assert.Equal(2, published.GetProperty("version").GetInt32());
        var expected = Expected(workspace.Build(file, edited).Diagnostics, file);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Published(published));

        // Finish the statement: the error goes away.
        await client.Change(file, 3, new { range = new { start = new { line, character = 11 }, end = new { line, character = 22 } }, text = "3) |> relu" });
        Assert.Equal(Expected(workspace.Build(file, edited.Replace("conv(64, ReductionB4", "conv(64, 3) |> relu")).Diagnostics, file), Published(await client.Diagnostics(file)));
    }

    [Fact]
    public async Task A_block_declared_in_another_open_file_is_seen_before_it_is_saved()
    {
        using var workspace = new TestWorkspace();
        var network = workspace.Write("Net.net", "network Net {\n  input [3, 8, 8]\n  Stem(16)\n}\n");
        var blocks = workspace.Write("Blocks.net", "");
        await using var client = LspClient.InProcess();
        await client.Initialize(workspace.Root);
        await client.Open(network, File.ReadAllText(network));
        var unknown = Published(await client.Diagnostics(network));
        Assert.Contains(unknown, d => d.StartsWith("ND0101", System.StringComparison.Ordinal));

        await client.Open(blocks, "block Stem(f) = conv(f, 3) |> relu\n");
        Assert.Empty(Published(await client.Diagnostics(network)));
    }

    /// <summary>A diagnostic as one comparable line: id, message, span, call sites.</summary>
    private static List<string> Expected(IEnumerable<DslDiagnostic> diagnostics, string path) =>
        diagnostics.Where(d => d.Span.Path == path)
            .Select(d => Line(d.Id, d.Message, d.Span.StartLine, d.Span.StartColumn, d.Span.EndLine, d.Span.EndColumn,
                d.AdditionalSpans.Select(s => $"{LspClient.Uri(s.Path)}:{s.StartLine}:{s.StartColumn}-{s.EndLine}:{s.EndColumn}")))
            .ToList();

    private static List<string> Published(JsonElement published) =>
        published.GetProperty("diagnostics").EnumerateArray()
            .Select(d =>
            {
                var range = d.GetProperty("range");
                var related = d.TryGetProperty("relatedInformation", out var r) ? r.EnumerateArray().Select(i =>
                {
                    var location = i.GetProperty("location");
                    var at = location.GetProperty("range");
                    return $"{location.GetProperty("uri").GetString()}:{P(at, "start")}-{P(at, "end")}";
                }) : Enumerable.Empty<string>();
                return Line(d.GetProperty("code").GetString()!, d.GetProperty("message").GetString()!,
                    range.GetProperty("start").GetProperty("line").GetInt32(), range.GetProperty("start").GetProperty("character").GetInt32(),
                    range.GetProperty("end").GetProperty("line").GetInt32(), range.GetProperty("end").GetProperty("character").GetInt32(), related);
            })
            .ToList();

    private static string P(JsonElement range, string end) => $"{range.GetProperty(end).GetProperty("line").GetInt32()}:{range.GetProperty(end).GetProperty("character").GetInt32()}";

    private static string Line(string id, string message, int startLine, int startColumn, int endLine, int endColumn, IEnumerable<string> related) =>
        $"{id} {startLine}:{startColumn}-{endLine}:{endColumn} {message} [{string.Join(", ", related)}]";
}
