using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The C# examples (examples/Attributes): golden files of the generated parts (accept with NETDSL_ACCEPT=1), and the
/// classes, generated parts included, compile with no error and no warning of the generated code.
/// </summary>
public sealed class CSharpSnapshotTests
{
    public static TheoryData<string, string[]> Examples => new()
    {
        { "SmallCnn", new[] { "examples/Attributes/SmallCnn.cs" } },
        { "ResNet20", new[] { "examples/Attributes/ResNet20.cs", "examples/Attributes/Stage.cs", "examples/Attributes/Basic.cs" } },
        { "Tour", new[] { "examples/Attributes/Tour.cs" } },
        { "Shapes", new[] { "examples/Attributes/Shapes.cs" } },
        { "Outputs", new[] { "examples/Attributes/Outputs.cs" } },
        { "Vision", new[] { "examples/Attributes/Vision.cs" } },
        { "Sequence", new[] { "examples/Attributes/Sequence.cs" } },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    [Trait(RealCompiler.Trait, RealCompiler.Value)]
    public void Generated_code_matches_its_golden_file_and_the_classes_compile(string name, string[] files)
    {
        var run = GeneratorHarness.Run(
            System.Array.Empty<AdditionalText>(),
            rootNamespace: FrontEndEquivalenceTests.Namespace,
            trees: files.Select(Infrastructure.Examples.Tree));

        RealCompiler.RequireOutput(run);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompilationErrors);
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.IsInSource));
        Snapshot.Verify("Attributes." + name, run.Files);
    }
}
