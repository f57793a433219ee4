using System.Linq;
using NetDsl.DslTests.Infrastructure;
using NetDsl.Semantics;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// Issue #11: the check's work and the generated text are bounded per project, not only per network. The networks of
/// a project share <see cref="LayerLimit.ProjectLayers"/> layers, and a network's summary lists at most 1,000 rows.
/// </summary>
public sealed class LayerBudgetTests
{
    [Theory]
    [InlineData(1, 100_000, 1)]
    [InlineData(8, 100_000, 1)]
    [InlineData(9, 62_500, 16)]
    [InlineData(16, 62_500, 16)]
    [InlineData(17, 31_250, 32)]
    [InlineData(2_000, 488, 2048)]
    public void A_project_of_more_than_8_networks_divides_the_budget_by_their_count_rounded_to_a_power_of_two(int networks, int layers, int sharedBy)
    {
        Assert.Equal(new LayerLimit(layers, sharedBy), LayerLimit.ForProject(networks));
    }

    internal static string Networks(int count, int repeat) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"network N{i} {{\n  input [4]\n  relu * {repeat}\n}}\n"));

    [Fact]
    public void Within_its_share_a_network_builds_and_a_small_project_keeps_the_network_limit()
    {
        Assert.Empty(TestCompiler.Compile(Networks(9, 10) + "network Deep {\n  input [4]\n  relu * 62500\n}\n").Diagnostics);
        var alone = Assert.Single(TestCompiler.Compile(Networks(1, 100_001)).Diagnostics);
        Assert.Equal("ND0115", alone.Id);
    }

    [Fact]
    public void The_summary_and_layers_of_a_long_network_list_the_first_1000_rows()
    {
        var source = TestCompiler.Compile(Networks(1, 5_000)).Source("N0.g.cs");
        Assert.Contains("... 4,000 more layers (the first 1,000 of 5,000 are listed)", source);
        Assert.Contains("The first 1,000 of the network's 5,000 layers", source);
        Assert.Equal(1_000, source.Split('\n').Count(line => line.TrimStart().StartsWith("new(\"", System.StringComparison.Ordinal)));
    }
}
