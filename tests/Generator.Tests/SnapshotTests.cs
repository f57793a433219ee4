using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>The generated C# for real networks, compared with Snapshots/*.g.cs (accept changes with NETDSL_ACCEPT=1).</summary>
public sealed class SnapshotTests
{
    [Fact]
    [Trait(RealCompiler.Trait, RealCompiler.Value)]
    public void Tiny()
    {
        var run = GeneratorHarness.Run("Tiny.net", NetSamples.Tiny);

        RealCompiler.RequireOutput(run);
        Assert.Empty(run.Diagnostics);
        Snapshot.Verify(nameof(Tiny), run.Files);
    }
}
