using System;
using System.Linq;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace NetDsl.Generator.Tests.Bounds;

/// <summary>
/// Issue #11: work and memory out of proportion to a <c>.net</c> file. Each case is built by the real generator and
/// the C# compiler in a child process (<see cref="ChildBuild"/>), which is killed past its time or memory limit.
/// Target: any input under 1 MB builds in at most 2 GB and 60 s, or gets an ND diagnostic.
/// </summary>
[Trait(Infrastructure.RealCompiler.Trait, Infrastructure.RealCompiler.Value)]
public sealed class GeneratorBoundsTests
{
    /// <summary>The target, asserted on the build's processor time: a machine shared with other builds stretches the wall clock.</summary>
    private const double SecondsLimit = 60;

    /// <summary>The watchdog's wall-clock limit, with room for a busy machine.</summary>
    private static readonly TimeSpan WallLimit = TimeSpan.FromSeconds(3 * SecondsLimit);
    private const long MemoryLimitMb = 2048;

    private readonly ITestOutputHelper _output;

    public GeneratorBoundsTests(ITestOutputHelper output) => _output = output;

    private BuildOutcome Build(string text)
    {
        var outcome = ChildBuild.Run(text, WallLimit, MemoryLimitMb);
        _output.WriteLine($"{text.Length:N0} bytes of .net: {outcome}");
        Assert.True(outcome.PeakMb <= MemoryLimitMb, $"peak {outcome.PeakMb} MB: {outcome}");
        Assert.True(outcome.CpuSeconds <= SecondsLimit, $"{outcome.CpuSeconds:F1} s of processor time: {outcome}");
        Assert.True(outcome.Errors == 0, $"the generated C# does not compile: {outcome}");
        return outcome;
    }

    private static string RepeatedRelu(string name, int copies) => $"network {name} {{\n  input [1]\n  relu * {copies}\n}}\n";

    [Fact]
    public void A_block_repeated_49000_times_builds_and_its_summary_is_capped()
    {
        // 80 bytes, 98,000 layers: was 5.1 GB and 26 s, the Layers array and Summary unrolled row by row.
        var outcome = Build("block B = linear(4)\n\nnetwork N {\n  input [4]\n  B() * 49000\n}\n");
        Assert.Empty(outcome.Diagnostics);
        Assert.True(outcome.GeneratedBytes < 1_000_000, $"{outcome.GeneratedBytes:N0} bytes generated");
    }

    [Fact]
    public void A_layer_repeated_99000_times_builds_in_bounds()
    {
        // 45 bytes: passed 7 GB.
        var outcome = Build(RepeatedRelu("N", 99000));
        Assert.Empty(outcome.Diagnostics);
        Assert.True(outcome.GeneratedBytes < 1_000_000, $"{outcome.GeneratedBytes:N0} bytes generated");
    }

    [Fact]
    public void Twenty_networks_of_99000_layers_exceed_the_project_budget()
    {
        // 1 KB: generated 92 MB of C#. 20 networks share the project's budget: 31,250 layers each.
        var text = string.Concat(Enumerable.Range(0, 20).Select(i => RepeatedRelu($"N{i}", 99000)));
        var outcome = Build(text);
        Assert.Equal(new[] { "ND0119" }, outcome.Diagnostics);
        Assert.Contains("31,250", outcome.Message);
        Assert.True(outcome.GeneratedBytes < 1_000_000, $"{outcome.GeneratedBytes:N0} bytes generated");
    }

    [Fact]
    public void Twenty_networks_within_their_share_all_build()
    {
        var text = string.Concat(Enumerable.Range(0, 20).Select(i => RepeatedRelu($"N{i}", 30000)));
        var outcome = Build(text);
        Assert.Empty(outcome.Diagnostics);
        Assert.True(outcome.GeneratedBytes < 20 * 500_000, $"{outcome.GeneratedBytes:N0} bytes generated");
    }

    [Fact]
    public void A_megabyte_of_networks_past_their_share_gets_a_diagnostic_within_bounds()
    {
        // About 2,000 networks of 500 bytes, each 38 written-out layers and 99,000 block calls: the first 999 are past
        // the declarations a project may have (ND0120), and their written-out layers past the statements it may write
        // out from the 206th network (ND0123, 1 + 205 × 39 = 7,996 before it); the block and those 205 networks share the
        // layer budget 256 ways.
        var body = string.Concat(Enumerable.Repeat("  linear(4)\n", 38));
        var text = new StringBuilder("block B = relu\n\n");
        for (var i = 0; text.Length < 1_000_000 - 600; i++) text.Append($"network N{i} {{\n  input [4]\n{body}  B() * 99000\n}}\n");
        var outcome = Build(text.ToString());
        Assert.Equal(new[] { "ND0119", "ND0123", "ND0120" }, outcome.Diagnostics);
        Assert.Contains("(3,906 each)", outcome.Message);
    }

    [Fact]
    public void A_megabyte_of_small_networks_builds_the_first_1000_within_bounds_and_reports_the_rest()
    {
        // About 10,000 networks of five layers: each was checked with its whole file, a 1 MB file of one-line networks
        // ran past 400 s. The first 1,000 are built; the next is ND0120.
        const string body = "  input [3, 8, 8]\n  conv(8, 3)\n  bn\n  relu\n  flatten\n  linear(10)\n";
        var text = new StringBuilder();
        for (var i = 0; text.Length < 1_000_000 - 200; i++) text.Append($"network N{i} {{\n{body}}}\n");
        var outcome = Build(text.ToString());
        Assert.Equal(new[] { "ND0120" }, outcome.Diagnostics);
        Assert.Contains("network 'N1000' is past the 1,000 networks and blocks", outcome.Message);
    }

    [Fact]
    public void A_megabyte_of_written_out_layers_gets_a_diagnostic_within_bounds()
    {
        // About 41,000 lines of one conv: one forward (and one constructor) of 41,000 statements took the C# compiler
        // past 24 GB. Past 2,000 statements in one body: ND0121, no code.
        var text = new StringBuilder("network Long {\n  input [8, 16, 16]\n");
        while (text.Length < 1_000_000 - 30) text.Append("  conv(8, 3, padding: 1)\n");
        text.Append("}\n");
        var outcome = Build(text.ToString());
        Assert.Equal(new[] { "ND0121" }, outcome.Diagnostics);
        Assert.Contains("more than the 2,000 one generated method may hold", outcome.Message);
    }

    private static string WrittenOut(string name, int lines) =>
        $"network {name} {{\n  input [8, 16, 16]\n{string.Concat(Enumerable.Repeat("  conv(8, 3, padding: 1)\n", lines))}}}\n";

    [Fact]
    public void The_most_statements_a_project_may_write_out_build_within_bounds()
    {
        // 200 KB: four bodies of 2,000 written-out convs took 47 s of processor time and 3.4 GB, most of it the C#
        // compiler's nullable analysis of the long constructors; generated files now turn it off.
        var statements = Compiler.DeclarationLimit.Project.Statements;
        var text = string.Concat(Enumerable.Range(0, statements / Semantics.LayerLimit.StatementsPerBody).Select(i => WrittenOut($"N{i}", Semantics.LayerLimit.StatementsPerBody)));
        var outcome = Build(text);
        Assert.Empty(outcome.Diagnostics);
        Assert.True(outcome.PeakMb <= 1024, $"peak {outcome.PeakMb} MB: {outcome}");
    }

    [Fact]
    public void A_megabyte_of_written_out_layers_in_many_networks_gets_a_diagnostic_within_bounds()
    {
        // About 41,000 written-out convs in networks of 2,000 (each within ND0121): the first four build, the fifth is ND0123.
        var text = new StringBuilder();
        for (var i = 0; text.Length < 1_000_000 - 50_000; i++) text.Append(WrittenOut($"N{i}", Semantics.LayerLimit.StatementsPerBody));
        var outcome = Build(text.ToString());
        Assert.Equal(new[] { "ND0123" }, outcome.Diagnostics);
        Assert.StartsWith("network 'N4' writes out 2,000 statements", outcome.Message);
    }

    [Fact]
    public void The_longest_body_allowed_builds_within_bounds()
    {
        var lines = string.Concat(Enumerable.Repeat("  conv(8, 3, padding: 1)\n", Semantics.LayerLimit.StatementsPerBody));
        var outcome = Build($"network Long {{\n  input [8, 16, 16]\n{lines}}}\n");
        Assert.Empty(outcome.Diagnostics);
    }
}
