using System;
using System.IO;
using System.Linq;
using Xunit;

namespace NetDsl.Cli.Tests;

/// <summary>The zoo's diagrams in docs/diagrams/zoo are what scripts/zoo-diagrams.sh draws from examples/Zoo now.</summary>
public sealed class ZooDiagramTests : CommandTestFolder
{
    [Fact]
    public void The_committed_zoo_diagrams_are_up_to_date()
    {
        var root = SvgDiagramTests.RepositoryRoot();
        var committed = Path.Combine(root, "docs", "diagrams", "zoo");
        // The networks drawn are those whose own diagram is committed (a block's file name has a path after the network's).
        var networks = Directory.GetFiles(committed, "*.svg").Select(Path.GetFileNameWithoutExtension).Where(n => !n!.Contains('.')).ToList();
        Assert.Contains("ResNet50", networks);

        var args = new[] { "diagram", Path.Combine(root, "examples", "Zoo"), "--format", "svg", "--out", Folder }.Concat(networks.SelectMany(n => new[] { "--network", n! })).ToArray();
        Assert.Equal(0, Program.Run(args, new StringWriter(), new StringWriter()));

        var expected = Directory.GetFiles(Folder).Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, Directory.GetFiles(committed, "*.svg").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal));
        foreach (var file in expected)
            Assert.True(File.ReadAllText(Path.Combine(Folder, file!)) == File.ReadAllText(Path.Combine(committed, file!)), $"docs/diagrams/zoo/{file} is out of date: run bash scripts/zoo-diagrams.sh");
    }
}
