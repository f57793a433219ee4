using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>A <see cref="DslDiagnostic"/> becomes a Roslyn diagnostic at the same place in the .net file.</summary>
public sealed class DiagnosticMappingTests
{
    private const string ModelPath = "/src/app/model.net";
    private const string BlockPath = "/src/app/blocks.net";

    private static readonly DslDescriptor ShapeMismatch = new("ND0110", "Shapes differ", "NetDsl.Shapes", DslSeverity.Error);

    // 'add' on line 6 (one-based), columns 3-5.
    private static readonly SourceSpan AddToken = new(ModelPath, Start: 120, Length: 3, StartLine: 5, StartColumn: 2, EndLine: 5, EndColumn: 5);

    private static readonly SourceSpan InnerCallSite = new(BlockPath, 40, 11, 2, 4, 2, 15);

    private static readonly SourceSpan OuterCallSite = new(ModelPath, 200, 9, 9, 5, 9, 14);

    private static DslDiagnostic Mismatch(string message = "add needs equal shapes: [16, 32, 32] and [8, 32, 32]") =>
        new(ShapeMismatch, message, AddToken, new[] { InnerCallSite, OuterCallSite }.ToEquatableArray());

    [Fact]
    public void Id_severity_message_category_and_help_link_come_from_the_dsl_diagnostic()
    {
        var run = GeneratorHarness.Run("model.net", "", FakeCompiler.Reporting(Mismatch()));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("ND0110", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("add needs equal shapes: [16, 32, 32] and [8, 32, 32]", diagnostic.GetMessage());
        Assert.Equal("Shapes differ", diagnostic.Descriptor.Title.ToString());
        Assert.Equal("NetDsl.Shapes", diagnostic.Descriptor.Category);
        Assert.Equal(DslDescriptor.HelpBase + "nd0110", diagnostic.Descriptor.HelpLinkUri);
        Assert.True(diagnostic.Descriptor.IsEnabledByDefault);
    }

    [Fact]
    public void The_location_is_the_exact_span_in_the_net_file()
    {
        var run = GeneratorHarness.Run("model.net", "", FakeCompiler.Reporting(Mismatch()));

        var location = Assert.Single(run.Diagnostics).Location;
        Assert.Equal(LocationKind.ExternalFile, location.Kind);
        Assert.Equal(new TextSpan(120, 3), location.SourceSpan);
        var lines = location.GetLineSpan();
        Assert.Equal(ModelPath, lines.Path);
        Assert.Equal(new LinePositionSpan(new LinePosition(5, 2), new LinePosition(5, 5)), lines.Span);
    }

    [Fact]
    public void It_prints_as_msbuild_prints_it_one_based()
    {
        var run = GeneratorHarness.Run("model.net", "", FakeCompiler.Reporting(Mismatch()));

        Assert.Equal(
            "/src/app/model.net(6,3): error ND0110: add needs equal shapes: [16, 32, 32] and [8, 32, 32]",
            Assert.Single(run.Diagnostics).ToString());
    }

    [Fact]
    public void Related_spans_become_additional_locations_in_order()
    {
        var run = GeneratorHarness.Run("model.net", "", FakeCompiler.Reporting(Mismatch()));

        var additional = Assert.Single(run.Diagnostics).AdditionalLocations;
        Assert.Equal(2, additional.Count);
        Assert.Equal(BlockPath, additional[0].GetLineSpan().Path);
        Assert.Equal(new LinePositionSpan(new LinePosition(2, 4), new LinePosition(2, 15)), additional[0].GetLineSpan().Span);
        Assert.Equal(new TextSpan(40, 11), additional[0].SourceSpan);
        Assert.Equal(ModelPath, additional[1].GetLineSpan().Path);
        Assert.Equal(new LinePositionSpan(new LinePosition(9, 5), new LinePosition(9, 14)), additional[1].GetLineSpan().Span);
    }

    [Theory]
    [InlineData(DslSeverity.Info, DiagnosticSeverity.Info)]
    [InlineData(DslSeverity.Warning, DiagnosticSeverity.Warning)]
    [InlineData(DslSeverity.Error, DiagnosticSeverity.Error)]
    public void Each_severity_maps_to_the_roslyn_severity(DslSeverity severity, DiagnosticSeverity expected)
    {
        var descriptor = new DslDescriptor("ND0500", "Severity " + severity, "NetDsl.Test", severity);
        var diagnostic = new DslDiagnostic(descriptor, "m", AddToken, EquatableArray<SourceSpan>.Empty);

        var run = GeneratorHarness.Run("model.net", "", FakeCompiler.Reporting(diagnostic));

        var reported = Assert.Single(run.Diagnostics);
        Assert.Equal(expected, reported.Severity);
        Assert.Equal(expected, reported.DefaultSeverity);
    }

    [Fact]
    public void Braces_in_a_message_are_text_not_format_placeholders()
    {
        var run = GeneratorHarness.Run("model.net", "", FakeCompiler.Reporting(Mismatch("block {f} expects {0} inputs")));

        Assert.Equal("block {f} expects {0} inputs", Assert.Single(run.Diagnostics).GetMessage());
    }

    [Fact]
    public void Diagnostics_are_reported_by_file_then_position_whatever_order_the_compiler_gives()
    {
        var warning = new DslDescriptor("ND0300", "Unused value", "NetDsl.Style", DslSeverity.Warning);
        var earlierFile = new DslDiagnostic(warning, "value 'x' is never used", InnerCallSite, EquatableArray<SourceSpan>.Empty);

        var run = GeneratorHarness.Run("model.net", "", FakeCompiler.Reporting(Mismatch(), earlierFile));

        // blocks.net sorts before model.net: the outputs of all units are merged into one order, stable across runs.
        Assert.Equal(new[] { "ND0300", "ND0110" }, run.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void Equal_dsl_descriptors_share_one_roslyn_descriptor()
    {
        var first = DiagnosticMapper.ToDescriptor(new DslDescriptor("ND0110", "Shapes differ", "NetDsl.Shapes", DslSeverity.Error));
        var second = DiagnosticMapper.ToDescriptor(new DslDescriptor("ND0110", "Shapes differ", "NetDsl.Shapes", DslSeverity.Error));

        Assert.Same(first, second);
        Assert.Equal("{0}", first.MessageFormat.ToString());
    }
}
