using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>
/// With the real compiler: each <c>.net</c> file is parsed on its own and each network or block is compiled on its own,
/// so an edit re-runs only the file it touches and the units that reach that file.
/// </summary>
[Trait(RealCompiler.Trait, RealCompiler.Value)]
public sealed class UnitIncrementalityTests
{
    private static readonly InMemoryAdditionalText Blocks = new("/src/app/blocks.net", """
        block Stem(f) = conv(f, 3, padding: 1) |> bn |> relu
        block Res(f) = input + (input |> conv(f, 3, padding: 1) |> bn |> relu |> conv(f, 3, padding: 1) |> bn)
        """);

    private static readonly InMemoryAdditionalText A = new("/src/app/a.net", """
        network A(classes = 10) {
          input [3, 32, 32]
          Stem(16)
          Res(16) * 2
          global_avgpool
          linear(classes)
        }
        """);

    private static readonly InMemoryAdditionalText B = new("/src/app/b.net", """
        network B {
          input [3, 32, 32]
          Stem(8)
          global_avgpool
          linear(10)
        }
        """);

    private static readonly InMemoryAdditionalText C = new("/src/app/c.net", """
        network C {
          input [1, 28, 28]
          flatten |> linear(10)
        }
        """);

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, CountingCompiler Compiler, GeneratorRun First) FirstRun()
    {
        var compiler = new CountingCompiler();
        var driver = GeneratorHarness.CreateDriver(new AdditionalText[] { Blocks, A, B, C }, compiler);
        var compilation = GeneratorHarness.CreateCompilation(new[] { CSharpSyntaxTree.ParseText("public sealed class Other { }", GeneratorHarness.ParseOptions) });
        var first = GeneratorHarness.RunDriver(driver, compilation);
        Assert.Empty(first.Diagnostics);
        Assert.Equal(new[] { "A", "B", "C", "NetDslLayers.g.cs", "Res", "Stem" }, compiler.Compiled.OrderBy(n => n, System.StringComparer.Ordinal));
        compiler.Clear();
        return (first.Driver, compilation, compiler, first);
    }

    private static GeneratorRun Edit(GeneratorDriver driver, Compilation compilation, InMemoryAdditionalText file, string from, string to)
    {
        var text = file.GetText()!.ToString();
        Assert.Contains(from, text);
        return GeneratorHarness.RunDriver(driver.ReplaceAdditionalText(file, new InMemoryAdditionalText(file.Path, text.Replace(from, to))), compilation);
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRun run, string step) =>
        run.Generator.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    private static string[] Sorted(IEnumerable<string> names) => names.OrderBy(n => n, System.StringComparer.Ordinal).ToArray();

    [Fact]
    public void Editing_a_network_recompiles_only_that_network()
    {
        var (driver, compilation, compiler, first) = FirstRun();

        var run = Edit(driver, compilation, C, "linear(10)", "linear(5)");

        Assert.Equal(new[] { "c.net" }, compiler.Parsed);
        Assert.Equal(new[] { "C" }, compiler.Compiled);
        Assert.Contains("5", run.Files.Single(f => f.HintName == "C.g.cs").Text);
        Assert.Equal(first.Files.Where(f => f.HintName != "C.g.cs"), run.Files.Where(f => f.HintName != "C.g.cs"));
        Assert.Equal(1, Reasons(run, TrackingNames.GeneratedSources).Count(r => r == IncrementalStepRunReason.Modified));
    }

    [Fact]
    public void Editing_a_block_file_recompiles_its_blocks_and_the_networks_that_use_them()
    {
        var (driver, compilation, compiler, _) = FirstRun();

        var run = Edit(driver, compilation, Blocks, "|> bn)", "|> bn |> relu)");

        Assert.Empty(run.Diagnostics);
        Assert.Equal(new[] { "blocks.net" }, compiler.Parsed);
        // C uses no block, and the support file depends on no file: both stay cached.
        Assert.Equal(new[] { "A", "B", "Res", "Stem" }, Sorted(compiler.Compiled));
    }

    [Fact]
    public void A_comment_or_whitespace_edit_changes_no_output()
    {
        var (driver, compilation, compiler, first) = FirstRun();

        var run = Edit(driver, compilation, A, "  Stem(16)\n", "  # the stem\n\n    Stem(16)   # 16 channels\n");

        Assert.Equal(new[] { "a.net" }, compiler.Parsed);
        Assert.Equal(new[] { "A" }, compiler.Compiled);
        Assert.Equal(first.Files, run.Files);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, Reasons(run, TrackingNames.GeneratedSources));
        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void An_unrelated_csharp_edit_parses_plans_and_compiles_nothing()
    {
        var (driver, compilation, compiler, first) = FirstRun();

        var run = GeneratorHarness.RunDriver(driver, compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public sealed class Another { }", GeneratorHarness.ParseOptions)));

        Assert.Empty(compiler.Parsed);
        Assert.Equal(0, compiler.Plans);
        Assert.Empty(compiler.Compiled);
        Assert.All(Reasons(run, TrackingNames.Compile), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Equal(first.Files, run.Files);
    }

    [Fact]
    public void A_shape_error_introduced_by_an_edit_is_reported_and_fixing_it_clears_it()
    {
        var (driver, compilation, compiler, _) = FirstRun();

        var brokenText = new InMemoryAdditionalText(C.Path, C.GetText()!.ToString().Replace("flatten |> linear(10)", "linear(10)"));
        var broken = GeneratorHarness.RunDriver(driver.ReplaceAdditionalText(C, brokenText), compilation);
        Assert.Contains(broken.Diagnostics, d => d.Id.StartsWith("ND02", System.StringComparison.Ordinal) && d.Location.GetLineSpan().Path == C.Path);
        Assert.Equal(new[] { "C" }, compiler.Compiled);

        var fixedRun = GeneratorHarness.RunDriver(broken.Driver.ReplaceAdditionalText(brokenText, C), compilation);
        Assert.Empty(fixedRun.Diagnostics);
        Assert.Contains(fixedRun.Files, f => f.HintName == "C.g.cs");
    }

    private static string CSharpNetwork(string name, int filters) => CSharpHarness.Usings + $$"""
        namespace Tests.App;

        [Network(1, 28, 28)]
        public partial class {{name}}
        {
            [Conv2d({{filters}}, 3), ReLU, Flatten, Linear(10)] public partial Sequential Features { get; }
        }
        """;

    [Fact]
    public void Editing_one_csharp_network_recompiles_only_that_network()
    {
        var compiler = new CountingCompiler();
        var driver = GeneratorHarness.CreateDriver(new AdditionalText[] { C }, compiler);
        var compilation = GeneratorHarness.CreateCompilation(new[] { CSharpHarness.Tree(CSharpNetwork("Left", 8), "Left.cs"), CSharpHarness.Tree(CSharpNetwork("Right", 8), "Right.cs") });
        var first = GeneratorHarness.RunDriver(driver, compilation);
        Assert.Empty(first.Diagnostics);
        Assert.Equal(new[] { "C", "Left", "NetDslLayers.g.cs", "Right" }, Sorted(compiler.Compiled));
        compiler.Clear();

        var old = compilation.SyntaxTrees.Single(t => t.FilePath == TestPaths.Source("Right.cs"));
        var run = GeneratorHarness.RunDriver(first.Driver, compilation.ReplaceSyntaxTree(old, CSharpHarness.Tree(CSharpNetwork("Right", 16), "Right.cs")));

        Assert.Empty(compiler.Parsed);
        Assert.Equal(new[] { "Right" }, compiler.Compiled);
        Assert.Contains("16", run.Files.Single(f => f.HintName == "Right.g.cs").Text);
        Assert.Equal(first.Files.Single(f => f.HintName == "Left.g.cs"), run.Files.Single(f => f.HintName == "Left.g.cs"));
    }
}
