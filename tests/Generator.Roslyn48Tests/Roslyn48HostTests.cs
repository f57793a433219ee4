extern alias DslAssembly;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Compiler;
using NetDsl.Diagnostics;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Roslyn48Tests;

/// <summary>
/// The generator in a Roslyn 4.8 host (the .NET 8.0.1xx SDK's compiler): it loads, generates for every example what the
/// language compiler emits, reports diagnostics at their lines, caches across edits, and reads C# declarations written
/// with partial methods (partial properties need C# 13, which Roslyn 4.8 cannot parse).
/// </summary>
public sealed class Roslyn48HostTests
{
    private const string RootNamespace = "Examples.App";

    private static readonly string RepositoryRoot = typeof(Roslyn48HostTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NetDsl.RepositoryRoot").Value!;

    /// <summary>The running .NET's assemblies: what the attributes' netstandard2.0 assembly needs to bind.</summary>
    private static readonly IEnumerable<MetadataReference> Framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
        .Select(path => MetadataReference.CreateFromFile(path))
        .ToList();

    private static readonly CSharpParseOptions CSharp12 = new(LanguageVersion.CSharp12);

    private static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files) =>
        CSharpGeneratorDriver.Create(
            new[] { new NetDslGenerator().AsSourceGenerator() },
            files,
            CSharp12,
            new TestAnalyzerConfigOptionsProvider(new Dictionary<string, string> { ["build_property.RootNamespace"] = RootNamespace }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Roslyn48Host",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, CSharp12, path: $"/src/app/File{i}.cs")),
            Framework.Append(MetadataReference.CreateFromFile(typeof(DslAssembly::NetDsl.NetworkAttribute).Assembly.Location)),
            new CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));

    private static GeneratorDriverRunResult Run(ref GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGenerators(compilation);
        return driver.GetRunResult();
    }

    public static TheoryData<string> ExampleFolders => new() { "Networks", "Zoo", "QuickStart", "TransferLearning" };

    [Fact]
    public void The_host_is_roslyn_4_8()
    {
        Assert.Equal(new Version(4, 8, 0, 0), typeof(CSharpGeneratorDriver).Assembly.GetName().Version);
    }

    [Theory]
    [MemberData(nameof(ExampleFolders))]
    public void Every_example_generates_what_the_language_compiler_emits(string folder)
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "examples", folder), "*.net")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => new InMemoryAdditionalText(path, File.ReadAllText(path)))
            .ToList();
        Assert.NotEmpty(files);
        var driver = CreateDriver(files);

        var result = Run(ref driver, Compilation());

        var expected = DslCompiler.Compile(files.Select(f => new DslSource(f.Path, f.GetText()!.ToString())).ToList(), new CompileOptions(RootNamespace));
        Assert.DoesNotContain(expected.Diagnostics, d => d.Severity == DslSeverity.Error);
        Assert.Equal(
            expected.Diagnostics.Select(d => (d.Id, d.Span.Path, d.Span.StartLine, d.Span.StartColumn)),
            result.Diagnostics.Select(d => (d.Id, d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line, d.Location.GetLineSpan().StartLinePosition.Character)));
        var generated = result.Results.Single().GeneratedSources;
        Assert.Equal(expected.Sources.Select(s => s.HintName), generated.Select(s => s.HintName));
        Assert.All(expected.Sources.Zip(generated), pair => Assert.Equal(pair.First.Text, pair.Second.SourceText.ToString()));
    }

    [Fact]
    public void A_shape_error_is_reported_at_its_line_and_column()
    {
        var driver = CreateDriver(new[]
        {
            new InMemoryAdditionalText("/src/app/Mismatch.net", "network Mismatch {\n  input [3, 32, 32]\n  wide = input |> conv(16, 3, padding: 1)\n  narrow = input |> conv(8, 3, padding: 1)\n  add(wide, narrow)\n}\n"),
        });

        var diagnostic = Assert.Single(Run(ref driver, Compilation()).Diagnostics);

        Assert.Equal("ND0201", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(("/src/app/Mismatch.net", 4, 2), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
    }

    [Fact]
    public void An_unrelated_edit_reruns_no_compile_step()
    {
        var driver = CreateDriver(new[] { new InMemoryAdditionalText("/src/app/Small.net", "network Small {\n  input [1, 28, 28]\n  flatten |> linear(10)\n}\n") });
        var compilation = Compilation("public sealed class A { }");
        Run(ref driver, compilation);

        var second = Run(ref driver, compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public sealed class B { }", CSharp12)));

        var steps = second.Results.Single().TrackedSteps;
        Assert.All(new[] { "NetDsl.Parse", "NetDsl.Plan", "NetDsl.Compile", "NetDsl.GeneratedSources" }, step =>
            Assert.All(steps[step].SelectMany(s => s.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason)));
    }

    [Fact]
    public void A_csharp_network_declared_with_partial_methods_generates()
    {
        const string Code = """
            using NetDsl;

            namespace Examples.App;

            [Network(1, 28, 28)]
            public partial class Classifier
            {
                [Conv2d(8, 3), ReLU, Flatten]
                partial void Features();

                [Linear(10)]
                partial void Head();
            }
            """;
        var driver = CreateDriver(Array.Empty<AdditionalText>());

        var result = Run(ref driver, Compilation(Code));

        Assert.Empty(result.Diagnostics);
        var network = result.Results.Single().GeneratedSources.Single(s => s.HintName == "Classifier.g.cs").SourceText.ToString();
        Assert.Contains("partial class Classifier", network);
        Assert.Contains("input [1, 28, 28], output [10]", network);
        Assert.Contains("conv(8, 3)", network);
    }
}
