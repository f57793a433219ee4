using System.Linq;
using Microsoft.CodeAnalysis;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>Real shape errors from the compiler, end to end through Roslyn, at the token that caused them.</summary>
public sealed class LanguageDiagnosticsTests
{
    [Fact]
    [Trait(RealCompiler.Trait, RealCompiler.Value)]
    public void Adding_16_and_8_channels_is_ND0201_at_add()
    {
        var run = GeneratorHarness.Run("Mismatch.net", NetSamples.ChannelMismatch);

        RealCompiler.RequireOutput(run);
        var error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ND0201", error.Id);
        var span = error.Location.GetLineSpan();
        Assert.Equal(TestPaths.Source("Mismatch.net"), span.Path);
        Assert.Equal(NetSamples.ChannelMismatchLine, span.StartLinePosition.Line);
        Assert.Equal(NetSamples.ChannelMismatchColumn, span.StartLinePosition.Character);
        Assert.Contains("16", error.GetMessage());
        Assert.Contains("8", error.GetMessage());
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "ND9999");
    }

    [Fact]
    [Trait(RealCompiler.Trait, RealCompiler.Value)]
    public void A_valid_network_reports_nothing()
    {
        var run = GeneratorHarness.Run("Tiny.net", NetSamples.Tiny);

        RealCompiler.RequireOutput(run);
        Assert.Empty(run.Diagnostics.Select(d => d.ToString()));
    }
}
