using System.Collections.Generic;
using System.Linq;
using NetDsl.Analysis;
using NetDsl.Compiler;
using Xunit;

namespace NetDsl.DslTests.Analysis;

/// <summary>The analyser's diagnostics are the build's, edit after edit; every query survives a file cut anywhere (a file being typed).</summary>
public sealed class ProjectAnalyzerTests
{
    private static readonly CompileOptions Options = new("NetDsl.Generated");

    /// <summary>The zoo's largest file and the one its blocks come from, and every file of the language tour.</summary>
    [Theory]
    [InlineData("Zoo", "InceptionV4.net")]
    [InlineData("Zoo", "Common.net")]
    [InlineData("Networks", "")]
    public void Every_line_by_line_prefix_of_a_file_gives_the_builds_diagnostics_and_answers_every_query(string folder, string file)
    {
        var sources = ExampleFiles.Folder(folder);
        var analyzer = new ProjectAnalyzer(Options);
        foreach (var edited in sources.Where(s => s.Path.EndsWith(System.IO.Path.DirectorySeparatorChar + file, System.StringComparison.Ordinal) || file.Length == 0))
        {
            var lines = edited.Text.Split('\n');
            for (var count = 0; count <= lines.Length; count++)
            {
                // The file as it is while its line 'count' is being typed: the lines before, and half of that line.
                var partial = string.Join("\n", lines.Take(count)) + (count < lines.Length ? "\n" + lines[count].Substring(0, lines[count].Length / 2) : "");
                var project = sources.Select(s => s.Path == edited.Path ? new DslSource(s.Path, partial) : s).ToList();
                var snapshot = analyzer.Analyze(project);
                Assert.Equal(DslCompiler.Compile(project, Options).Diagnostics, snapshot.Diagnostics);
                Query(snapshot, edited.Path, partial);
            }
        }
    }

    [Fact]
    public void An_edit_recompiles_only_what_reaches_the_edited_file()
    {
        var sources = ExampleFiles.Folder("Zoo");
        var analyzer = new ProjectAnalyzer(Options);
        var before = analyzer.Analyze(sources);
        var vgg = sources.Single(s => s.Path.EndsWith("Vgg.net", System.StringComparison.Ordinal));
        var edited = sources.Select(s => s == vgg ? new DslSource(s.Path, s.Text.Replace("linear(4096)", "linear(1000)")) : s).ToList();
        var after = analyzer.Analyze(edited);
        // Files not edited keep their parse; a network in another file keeps its shapes (the same objects).
        foreach (var path in before.Files.Keys.Where(p => p != vgg.Path)) Assert.Same(before.Files[path], after.Files[path]);
        Assert.Equal(DslCompiler.Compile(edited, Options).Diagnostics, after.Diagnostics);
        var resnet = sources.Single(s => s.Path.EndsWith("ResNet.net", System.StringComparison.Ordinal)).Path;
        Assert.Equal(before.Shapes.Sites(resnet).Select(s => s.Shapes.Count), after.Shapes.Sites(resnet).Select(s => s.Shapes.Count));
        var vggShapes = after.Shapes.Sites(vgg.Path).SelectMany(s => s.Shapes).Select(s => s.Output?.ToString()).ToList();
        Assert.Contains("[1000]", vggShapes);
    }

    [Fact]
    public void Hovers_show_a_layers_and_a_block_calls_multiply_accumulates()
    {
        const string text = "block B(f) = conv(f, 3, padding: 1) |> relu\nnetwork N {\n  input [8, 5, 5]\n  B(8) * 2\n  conv(4, 1)\n  relu\n}\n";
        var snapshot = new ProjectAnalyzer(Options).Analyze(new[] { new DslSource("m.net", text) });

        // One copy of B: 8 x 5 x 5 outputs of 8 x 3 x 3; the repetition counts both.
        Assert.Contains("**[8, 5, 5]** · 1,168 parameters · 28,800 MACs · 2 copies", Hovers.At(snapshot, "m.net", text.IndexOf("B(8) * 2", System.StringComparison.Ordinal))!.Markdown);
        Assert.Contains("**[4, 5, 5]** · 36 parameters · 800 MACs", Hovers.At(snapshot, "m.net", text.IndexOf("conv(4, 1)", System.StringComparison.Ordinal))!.Markdown);
        Assert.DoesNotContain("MACs", Hovers.At(snapshot, "m.net", text.IndexOf("  relu\n}", System.StringComparison.Ordinal) + 2)!.Markdown);
    }

    [Fact]
    public void Hovers_show_each_call_s_op_with_its_arguments_evaluated_as_the_summary_does()
    {
        const string text = "block B(f, k = 3) = conv(f, k, padding: k / 2) |> relu\nnetwork N {\n  input [8, 5, 5]\n  B(8)\n  B(16, k: 5)\n  conv(4 * (i + 1), 1) for i in 3\n}\n";
        var snapshot = new ProjectAnalyzer(Options).Analyze(new[] { new DslSource("m.net", text) });

        var inBlock = Hovers.At(snapshot, "m.net", text.IndexOf("conv(f", System.StringComparison.Ordinal))!.Markdown;
        Assert.Contains("| N › 0.0 | `conv(8, 3, padding: 1)` | [8, 5, 5] | 584 |", inBlock);
        Assert.Contains("| N › 1.0 | `conv(16, 5, padding: 2)` | [16, 5, 5] | 3,216 |", inBlock);
        Assert.Contains("as `conv(4, 1) … conv(12, 1)`", Hovers.At(snapshot, "m.net", text.IndexOf("conv(4 *", System.StringComparison.Ordinal))!.Markdown);
        Assert.DoesNotContain(" as ", Hovers.At(snapshot, "m.net", text.IndexOf("B(8)", System.StringComparison.Ordinal))!.Markdown);
    }

    /// <summary>Asks every question an editor asks at a sample of positions; none may throw.</summary>
    private static void Query(ProjectSnapshot snapshot, string path, string text)
    {
        InlayHints.For(snapshot, path);
        Outline.For(snapshot, path);
        DslFormatter.Format(text);
        for (var offset = 0; offset <= text.Length; offset += 1 + text.Length / 40)
        {
            Hovers.At(snapshot, path, offset);
            Completions.At(snapshot, path, text, offset);
            snapshot.Symbols.At(path, offset);
            Renames.Rename(snapshot, path, offset, "renamed");
        }
    }
}
