using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>
/// A diagnostic of a C#-declared network is located in the C# syntax tree, so everything that configures C#
/// diagnostics applies to it: <c>#pragma warning disable</c> around the attribute, <c>.editorconfig</c> sections, NoWarn.
/// </summary>
public sealed class CSharpSeverityTests
{
    // Two strided convolutions that each leave a border row and column unseen (ND0210), and an empty stage (ND0313).
    private const string Code = CSharpHarness.Usings + """
        namespace Tests.App;

        [Network(1, 28, 28)]
        public partial class Net
        {
        #pragma warning disable ND0210, ND0313
            [Conv2d(8, 3, Stride = 2)] partial void First();

            [Layers(" ")] partial void Nothing();
        #pragma warning restore ND0210, ND0313

            [Conv2d(8, 2, Stride = 2)] partial void Second();
        }
        """;

    private static GeneratorRun Run(CSharpCompilationOptions? options = null) =>
        GeneratorHarness.Run(System.Array.Empty<AdditionalText>(), options: options, trees: new[] { CSharpHarness.Tree(Code) });

    private static string At(Diagnostic diagnostic) => Code.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);

    [Fact]
    public void Pragma_warning_disable_suppresses_a_shape_warning_and_a_front_end_warning_where_it_applies()
    {
        var run = Run();

        var reported = run.Diagnostics.Where(d => !d.IsSuppressed).ToList();
        var warning = Assert.Single(reported);
        Assert.Equal("ND0210", warning.Id);
        Assert.Equal("Conv2d(8, 2, Stride = 2)", At(warning));
        Assert.Equal(
            new[] { ("ND0210", "Conv2d(8, 3, Stride = 2)"), ("ND0313", " ") },
            run.Diagnostics.Where(d => d.IsSuppressed).Select(d => (d.Id, At(d))).OrderBy(p => p.Id));
    }

    [Fact]
    public void An_editorconfig_section_sets_the_severity_of_a_diagnostic_in_a_csharp_file()
    {
        var options = GeneratorHarness.CompilationOptions.WithSyntaxTreeOptionsProvider(new TestSyntaxTreeOptionsProvider(
            global: new Dictionary<string, ReportDiagnostic>(),
            perTree: new Dictionary<string, ReportDiagnostic> { ["ND0210"] = ReportDiagnostic.Error }));

        var warning = Assert.Single(Run(options).Diagnostics, d => !d.IsSuppressed);
        Assert.Equal(DiagnosticSeverity.Error, warning.Severity);
    }

    [Fact]
    public void NoWarn_suppresses_it_project_wide()
    {
        var options = GeneratorHarness.CompilationOptions.WithSpecificDiagnosticOptions(
            new Dictionary<string, ReportDiagnostic> { ["ND0210"] = ReportDiagnostic.Suppress });

        Assert.DoesNotContain(Run(options).Diagnostics, d => d.Id == "ND0210" && !d.IsSuppressed);
    }
}
