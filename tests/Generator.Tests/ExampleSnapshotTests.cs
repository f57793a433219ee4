using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>
/// The generated C# for the repository's example networks and for a sample using every construct: golden files
/// (accept with NETDSL_ACCEPT=1), and the output compiles without errors or warnings against TorchSharp.
/// </summary>
public sealed class ExampleSnapshotTests
{
    public static TheoryData<string> Sources => new()
    {
        "examples/Networks/SmallCnn.net",
        "examples/Networks/ResNet.net",
        "examples/Networks/Inception.net",
        "examples/Networks/Tour.net",
        "examples/Networks/Shapes.net",
        "examples/Networks/Outputs.net",
        "examples/Networks/Vision.net",
        "examples/Networks/Sequence.net",
    };

    [Theory]
    [MemberData(nameof(Sources))]
    [Trait(RealCompiler.Trait, RealCompiler.Value)]
    public void Generated_code_matches_its_golden_file_and_compiles(string relativePath)
    {
        var fileName = Path.GetFileName(relativePath);
        var text = File.ReadAllText(Path.Combine(TestPaths.ProjectDirectory, "..", "..", relativePath));
        var run = GeneratorHarness.Run(fileName, text);

        RealCompiler.RequireOutput(run);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(run.CompilationErrors);
        var generatedTrees = run.OutputCompilation.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal)).ToHashSet();
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d =>
            d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)));
        Snapshot.Verify(Path.GetFileNameWithoutExtension(fileName), run.Files);
    }
}
