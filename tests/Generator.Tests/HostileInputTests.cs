using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>
/// Inputs that made the C# compiler, not NetDsl, report the problem (issue #11): a network named like a namespace the
/// generated code names (CS0426), a megabyte name (CS7013 when emitting), a file of NUL characters (CS2015, and every
/// network of the file gone). Each now works or is an ND diagnostic at the input, through the real generator, and the
/// output compiles and emits.
/// </summary>
[Trait(RealCompiler.Trait, RealCompiler.Value)]
public sealed class HostileInputTests
{
    /// <summary>A stand-in for NetDsl.Runtime (what makes the generator write the startup class), so its code is compiled too.</summary>
    private static readonly MetadataReference Runtime = CompileRuntimeStandIn();

    private static MetadataReference CompileRuntimeStandIn()
    {
        var tree = CSharpSyntaxTree.ParseText("namespace NetDsl.Runtime { public static class TorchNative { public static void EnsureLoaded() { } } }");
        var compilation = CSharpCompilation.Create("NetDsl.Runtime", new[] { tree }, CompileReferences.Framework, new CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(compilation.Emit(image).Success);
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    private static GeneratorRun Run(string text, params SyntaxTree[] trees) => Run(new InMemoryAdditionalText(TestPaths.Source("m.net"), text), trees);

    private static GeneratorRun Run(AdditionalText file, params SyntaxTree[] trees)
    {
        var driver = GeneratorHarness.CreateDriver(new[] { file });
        var compilation = GeneratorHarness.CreateCompilation(trees).AddReferences(Runtime);
        return GeneratorHarness.RunDriver(driver, compilation);
    }

    private static void AssertCompilesAndEmits(GeneratorRun run)
    {
        Assert.Empty(run.CompilationErrors);
        var emitted = run.OutputCompilation.Emit(new MemoryStream());
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString().Substring(0, Math.Min(300, d.ToString().Length)))));
    }

    [Theory]
    [InlineData("System")]
    [InlineData("TorchSharp")]
    [InlineData("NetDsl")]
    [InlineData("Microsoft")]
    [InlineData("Runtime")]
    [InlineData("Utils")]
    [InlineData("CompilerServices")]
    [InlineData("Modules")]
    public void A_network_named_like_a_namespace_the_generated_code_names_compiles(string name)
    {
        // Was CS0426 in NetDslLayers.g.cs: 'System.Runtime...' found the network class System first.
        var run = Run($"network {name} {{\n  input [3, 8, 8]\n  conv(4, 3, padding: same, stride: 2) |> relu\n}}\n");

        Assert.Empty(run.Diagnostics);
        Assert.Contains(run.Files, f => f.Text.Contains("ModuleInitializer"));
        AssertCompilesAndEmits(run);
    }

    [Theory]
    [InlineData("Parameter")]
    [InlineData("PaddingMode")]
    public void A_network_named_like_a_type_the_generated_code_names_without_qualification_is_ND0117(string name)
    {
        // Was CS1503 in NetDslLayers.g.cs: the network class Parameter stood for TorchSharp's.
        var run = Run($"network {name} {{\n  input [3, 8, 8]\n  relu\n}}\n");

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(("ND0117", $"'{name}' is a name the generated code uses for another type; name the network differently"), (diagnostic.Id, diagnostic.GetMessage()));
        AssertCompilesAndEmits(run);
    }

    [Theory]
    [InlineData("System")]
    [InlineData("TorchSharp")]
    public void A_network_class_named_like_a_namespace_the_generated_code_names_compiles(string name)
    {
        var tree = CSharpHarness.Tree(CSharpHarness.Usings + $"namespace Tests.App;\n\n[Network(3, 8, 8)]\npublic partial class {name}\n{{\n    [Conv2d(4, 3), ReLU] partial void Body();\n}}\n");

        var run = Run(new InMemoryAdditionalText(TestPaths.Source("none.txt"), ""), tree);

        Assert.Empty(run.Diagnostics);
        AssertCompilesAndEmits(run);
    }

    [Fact]
    public void A_megabyte_name_is_ND0006_and_the_project_still_emits()
    {
        // Was CS7013 when emitting: a class name of a million characters.
        var run = Run($"network {new string('a', 1_000_000)} {{\n  input [3, 8, 8]\n  relu\n}}\nnetwork N {{\n  input [3, 8, 8]\n  \"{new string('b', 1_000_000)}\": relu\n}}\n");

        Assert.Equal(new[] { "ND0006", "ND0006" }, run.Diagnostics.Select(d => d.Id));
        Assert.All(run.Diagnostics, d => Assert.True(d.GetMessage().Length < 200));
        AssertCompilesAndEmits(run);
    }

    [Fact]
    public void NUL_characters_are_ND0001_where_they_are_and_the_file_s_other_networks_work()
    {
        // Was CS2015 ("a binary file") from the compiler, which then gave the generator no text: every network lost.
        // Roslyn's own additional files refuse two NULs in a row as binary; the generator reads such a file itself.
        var path = Path.Combine(Path.GetTempPath(), $"netdsl-nul-{Guid.NewGuid():N}.net");
        var nul = new string('\0', 1000);
        File.WriteAllText(path, $"# {nul}\nnetwork Commented {{\n  input [3, 8, 8]\n  relu\n}}\nnetwork Broken {{\n  input [3, 8, 8]\n  relu {nul}\n}}\n");
        try
        {
            var file = new BinaryRefusingText(path);
            var run = Run(file);

            var diagnostic = Assert.Single(run.Diagnostics);
            Assert.Equal("ND0001", diagnostic.Id);
            Assert.Equal(8, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
            Assert.StartsWith("unexpected characters '\\u0000", diagnostic.GetMessage());
            Assert.Contains(run.Files, f => f.HintName == "Commented.g.cs");
            Assert.False(file.Asked, "the compiler's text was asked for: csc would have reported CS2015");
            AssertCompilesAndEmits(run);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>An additional file as csc gives one that holds two NULs in a row: no text (and CS2015 once asked for it).</summary>
    private sealed class BinaryRefusingText : AdditionalText
    {
        public BinaryRefusingText(string path) => Path = path;

        public override string Path { get; }

        public bool Asked { get; private set; }

        public override Microsoft.CodeAnalysis.Text.SourceText? GetText(System.Threading.CancellationToken cancellationToken = default)
        {
            Asked = true;
            return null;
        }
    }
}
