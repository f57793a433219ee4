using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace NetDsl.Cli.Tests;

/// <summary><c>netdsl diagram</c> on files the tests write: the files it writes, what they hold, its exit codes.</summary>
public sealed class DiagramCommandTests : CommandTestFolder
{
    private const string Residual = """
        block Residual(f) {
          main = input |> conv1: conv(f, 3, padding: 1) |> bn1: bn |> relu |> conv2: conv(f, 3, padding: 1) |> bn2: bn
          shortcut = input |> downsample: (conv(f, 1) |> bn) if input.channels != f
          main + shortcut |> relu
        }
        network Res(classes = 10) {
          input [3, 32, 32]
          stem: conv(16, 3, padding: 1)
          stages: Residual(16) * 2
          wide: Residual(32)
          global_avgpool
          fc: linear(classes)
        }
        network Other {
          input [8]
          linear(2)
        }
        """;

    [Fact]
    public void Diagram_writes_the_network_s_svg_and_mermaid_and_one_of_each_per_block_expansion()
    {
        var source = Write("Res.net", Residual);
        var folder = Path.Combine(Folder, "diagrams");

        var (code, output, error) = Run("diagram", source, "--network", "Res", "--format", "svg", "--format", "mermaid", "--out", folder);

        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Equal($"netdsl diagram: Res: 6 files in {folder} (Res.svg first)\n", output);
        Assert.Equal(new[] { "Res.mmd", "Res.stages.0.mmd", "Res.stages.0.svg", "Res.svg", "Res.wide.mmd", "Res.wide.svg" },
            Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
        var svg = XDocument.Load(Path.Combine(folder, "Res.svg"));
        XNamespace ns = "http://www.w3.org/2000/svg";
        // The block boxes link to their own diagrams, which were written beside it.
        var links = svg.Descendants(ns + "a").Select(a => (string)a.Attribute("href")!).ToList();
        Assert.Equal(new[] { "Res.stages.0.svg", "Res.wide.svg" }, links);
        Assert.All(links, link => Assert.True(File.Exists(Path.Combine(folder, link))));
        Assert.StartsWith("flowchart TB\n", File.ReadAllText(Path.Combine(folder, "Res.mmd")));
        Assert.Contains("downsample.0", File.ReadAllText(Path.Combine(folder, "Res.wide.mmd")));
        Assert.DoesNotContain("downsample.0", File.ReadAllText(Path.Combine(folder, "Res.stages.0.mmd")));
    }

    [Fact]
    public void Diagram_writes_svg_by_default_for_every_network_and_inlines_blocks_in_mermaid_when_asked()
    {
        var source = Write("Res.net", Residual);

        var (code, _, _) = Run("diagram", source, "--out", Folder);
        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(Folder, "Other.svg")));
        Assert.False(File.Exists(Path.Combine(Folder, "Res.mmd")));

        (code, _, _) = Run("diagram", source, "-n", "Res", "-f", "mermaid", "--blocks", "inline", "-o", Path.Combine(Folder, "inline"));
        Assert.Equal(0, code);
        Assert.Equal(new[] { "Res.mmd" }, Directory.GetFiles(Path.Combine(Folder, "inline")).Select(Path.GetFileName));
        var text = File.ReadAllText(Path.Combine(Folder, "inline", "Res.mmd"));
        Assert.Contains("subgraph n3[\"wide: Residual(32)\"]", text);
    }

    [Fact]
    public void An_unchanged_diagram_file_is_not_rewritten()
    {
        var source = Write("Res.net", Residual);
        Run("diagram", source, "-n", "Other", "-o", Folder);
        var file = Path.Combine(Folder, "Other.svg");
        var before = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(file, before);

        Run("diagram", source, "-n", "Other", "-o", Folder);

        Assert.Equal(before, File.GetLastWriteTimeUtc(file));
    }

    [Theory]
    [InlineData(new[] { "--format", "png" }, "netdsl: unknown diagram format 'png'; formats: svg, mermaid")]
    [InlineData(new[] { "--blocks", "open" }, "netdsl: --blocks takes linked or inline, not 'open'")]
    public void Usage_errors_exit_2(string[] options, string message)
    {
        var (code, _, error) = Run(new[] { "diagram", Write("Res.net", Residual) }.Concat(options).ToArray());
        Assert.Equal(2, code);
        Assert.StartsWith(message + "\n", error);
    }

    [Fact]
    public void A_network_not_declared_or_a_file_with_errors_exits_1_and_writes_nothing()
    {
        var (code, _, error) = Run("diagram", Write("Res.net", Residual), "--network", "Missing", "-o", Folder);
        Assert.Equal(1, code);
        Assert.Equal("netdsl: no network 'Missing' in the given files; they declare Other, Res\n", error);

        (code, _, error) = Run("diagram", Write("Bad.net", "network Bad {\n  input [3, 8, 8]\n  linear(2)\n}\n"), "-o", Folder);
        Assert.Equal(1, code);
        Assert.Contains("error ND0206", error);
        Assert.Equal(new[] { "Bad.net", "Res.net" }, Directory.GetFiles(Folder).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
    }
}
