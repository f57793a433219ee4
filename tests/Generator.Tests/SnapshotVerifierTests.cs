using System;
using System.IO;
using System.Linq;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace NetDsl.Generator.Tests;

/// <summary>The golden-file machinery itself, in a scratch folder.</summary>
public sealed class SnapshotVerifierTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "netdsl-snapshots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private string In(string fileName) => Path.Combine(_directory, fileName);

    private static GeneratedFile[] One(string text) => new[] { new GeneratedFile("Net.g.cs", text) };

    [Fact]
    public void A_missing_golden_file_fails_and_writes_the_received_file()
    {
        var failure = Assert.Throws<FailException>(() => Snapshot.Verify("Case", One("class A { }\n"), _directory, accept: false));

        Assert.Contains("Case.Net.g.cs does not exist", failure.Message);
        Assert.Contains("NETDSL_ACCEPT=1", failure.Message);
        Assert.Equal("class A { }\n", File.ReadAllText(In("Case.Net.received.cs")));
    }

    [Fact]
    public void A_difference_fails_with_a_line_diff_and_writes_the_received_file()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(In("Case.Net.g.cs"), "line 1\nold line\nline 3\n");

        var failure = Assert.Throws<FailException>(() =>
            Snapshot.Verify("Case", One("line 1\nnew line\nline 3\n"), _directory, accept: false));

        Assert.Contains("-    2 | old line", failure.Message);
        Assert.Contains("+    2 | new line", failure.Message);
        Assert.Contains("     1 | line 1", failure.Message);
        Assert.Equal("line 1\nnew line\nline 3\n", File.ReadAllText(In("Case.Net.received.cs")));
    }

    [Fact]
    public void A_match_passes_ignoring_line_endings_and_removes_an_old_received_file()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(In("Case.Net.g.cs"), "a\r\nb\r\n");
        File.WriteAllText(In("Case.Net.received.cs"), "stale");

        Snapshot.Verify("Case", One("a\nb\n"), _directory, accept: false);

        Assert.False(File.Exists(In("Case.Net.received.cs")));
    }

    [Fact]
    public void Accepting_overwrites_golden_files_and_drops_stale_ones_of_the_same_case_only()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(In("Case.Net.g.cs"), "old");
        File.WriteAllText(In("Case.Gone.g.cs"), "stale");
        File.WriteAllText(In("CaseTwo.Net.g.cs"), "other case");
        File.WriteAllText(In("Case.Net.received.cs"), "received");

        Snapshot.Verify("Case", One("new\n"), _directory, accept: true);

        Assert.Equal("new\n", File.ReadAllText(In("Case.Net.g.cs")));
        Assert.False(File.Exists(In("Case.Gone.g.cs")));
        Assert.False(File.Exists(In("Case.Net.received.cs")));
        Assert.Equal("other case", File.ReadAllText(In("CaseTwo.Net.g.cs")));
    }

    [Fact]
    public void A_golden_file_nothing_generates_any_more_fails()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(In("Case.Net.g.cs"), "same\n");
        File.WriteAllText(In("Case.Gone.g.cs"), "stale");

        var failure = Assert.Throws<FailException>(() => Snapshot.Verify("Case", One("same\n"), _directory, accept: false));

        Assert.Contains("Case.Gone.g.cs has no generated counterpart", failure.Message);
    }

    [Fact]
    public void Nothing_generated_is_a_failure_not_an_empty_snapshot()
    {
        var failure = Assert.Throws<FailException>(() => Snapshot.Verify("Case", Array.Empty<GeneratedFile>(), _directory, accept: false));

        Assert.Contains("produced no files", failure.Message);
    }

    [Fact]
    public void The_diff_shows_insertions_and_deletions_with_context()
    {
        var diff = LineDiff.Format("a\nb\nc\nd\ne\nf\ng\nh", "a\nb\nc\nX\nd\ne\nf\ng", context: 1);

        Assert.Equal(
            string.Join(Environment.NewLine,
                "--- expected (golden)",
                "+++ received",
                "  ...",
                "     3 | c",
                "+    4 | X",
                "     5 | d",
                "  ...",
                "     8 | g",
                "-    8 | h",
                ""),
            diff);
    }

    [Fact]
    public void Every_case_compares_its_support_file_with_the_one_golden_file_of_its_namespace()
    {
        GeneratedFile[] Files(string support) => new[] { new GeneratedFile("Net.g.cs", "class Net { }\n"), new GeneratedFile("NetDslLayers.g.cs", "namespace App;\n" + support) };
        Snapshot.Verify("First", Files("class Layers { }\n"), _directory, accept: true);

        Snapshot.Verify("Second", Files("class Layers { }\n"), _directory, accept: true);
        var failure = Assert.Throws<FailException>(() => Snapshot.Verify("First", Files("class OtherLayers { }\n"), _directory, accept: false));

        Assert.Equal(new[] { "First.Net.g.cs", "Second.Net.g.cs", "Shared.App.NetDslLayers.g.cs" }, Array.ConvertAll(Directory.GetFiles(_directory, "*.g.cs"), Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Contains("Shared.App.NetDslLayers.g.cs differs", failure.Message);
    }
}
