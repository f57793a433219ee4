using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>
/// How users change the severity of NDxxxx diagnostics. <c>.net</c> files have no <c>#pragma</c>, and Roslyn applies
/// <c>.editorconfig</c> sections (<c>[*.net]</c>, <c>[*]</c>) only to diagnostics located in C# syntax trees; what works
/// for diagnostics in additional files is project-wide: <c>&lt;NoWarn&gt;</c>, <c>&lt;WarningsAsErrors&gt;</c> and a
/// global analyzer config (<c>.globalconfig</c> with <c>is_global = true</c> and <c>dotnet_diagnostic.NDxxxx.severity</c>).
/// A real <c>dotnet build</c> (SDK 10.0.401) behaves the same way (see README.md).
/// </summary>
public sealed class SeverityConfigurationTests
{
    private static readonly DslDescriptor UnusedValue = new("ND0300", "Unused value", "NetDsl.Style", DslSeverity.Warning);

    private static readonly SourceSpan Span = new("/src/app/model.net", 10, 1, 1, 2, 1, 3);

    private static CompileFunction ReportsUnusedValue() =>
        FakeCompiler.Reporting(new DslDiagnostic(UnusedValue, "value 'x' is never used", Span, EquatableArray<SourceSpan>.Empty));

    private static GeneratorRun RunWith(CSharpCompilationOptions options) =>
        GeneratorHarness.Run(
            new[] { new InMemoryAdditionalText(Span.Path, "") },
            ReportsUnusedValue(),
            options: options,
            trees: new[] { CSharpSyntaxTree.ParseText("public sealed class Program { }", GeneratorHarness.ParseOptions, "/src/app/Program.cs") });

    [Fact]
    public void NoWarn_suppresses_a_warning()
    {
        var options = GeneratorHarness.CompilationOptions.WithSpecificDiagnosticOptions(
            new Dictionary<string, ReportDiagnostic> { ["ND0300"] = ReportDiagnostic.Suppress });

        Assert.Empty(RunWith(options).Diagnostics);
    }

    [Fact]
    public void WarningsAsErrors_turns_a_warning_into_an_error()
    {
        var options = GeneratorHarness.CompilationOptions.WithSpecificDiagnosticOptions(
            new Dictionary<string, ReportDiagnostic> { ["ND0300"] = ReportDiagnostic.Error });

        var diagnostic = Assert.Single(RunWith(options).Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.True(diagnostic.IsWarningAsError);
    }

    [Fact]
    public void TreatWarningsAsErrors_turns_a_warning_into_an_error()
    {
        var options = GeneratorHarness.CompilationOptions.WithGeneralDiagnosticOption(ReportDiagnostic.Error);

        Assert.Equal(DiagnosticSeverity.Error, Assert.Single(RunWith(options).Diagnostics).Severity);
    }

    [Fact]
    public void A_global_analyzer_config_sets_the_severity()
    {
        var options = GeneratorHarness.CompilationOptions.WithSyntaxTreeOptionsProvider(new TestSyntaxTreeOptionsProvider(
            global: new Dictionary<string, ReportDiagnostic> { ["ND0300"] = ReportDiagnostic.Suppress },
            perTree: new Dictionary<string, ReportDiagnostic>()));

        Assert.Empty(RunWith(options).Diagnostics);
    }

    [Fact]
    public void An_editorconfig_section_does_not_reach_a_diagnostic_located_in_a_net_file()
    {
        var options = GeneratorHarness.CompilationOptions.WithSyntaxTreeOptionsProvider(new TestSyntaxTreeOptionsProvider(
            global: new Dictionary<string, ReportDiagnostic>(),
            perTree: new Dictionary<string, ReportDiagnostic> { ["ND0300"] = ReportDiagnostic.Suppress }));

        var diagnostic = Assert.Single(RunWith(options).Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }
}
