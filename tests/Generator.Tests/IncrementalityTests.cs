using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetDsl.Collections;
using NetDsl.Generator.Tests.Infrastructure;
using Xunit;

namespace NetDsl.Generator.Tests;

/// <summary>Unrelated edits re-run nothing; every cached model is plain data.</summary>
public sealed class IncrementalityTests
{
    /// <summary>Every step the generator names (all constants of <see cref="TrackingNames"/>), so a new step cannot be left out.</summary>
    private static readonly string[] Steps = typeof(TrackingNames)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    private const string Network = CSharpHarness.Usings + """
        namespace Tests.App;

        [Network(1, 28, 28)]
        public partial class Net
        {
            [Conv2d(8, 3), ReLU] public partial Sequential Features { get; }
        }

        [Block]
        public partial class Head
        {
            [Flatten, Linear(10)] partial void Body();
        }
        """;

    private static readonly InMemoryAdditionalText Model = new("/src/app/model.net", "network A { }");
    private static readonly InMemoryAdditionalText Notes = new("/src/app/notes.txt", "notes");

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, RecordingCompiler Compiler) FirstRun()
    {
        var compiler = new RecordingCompiler();
        var driver = GeneratorHarness.CreateDriver(new AdditionalText[] { Model, Notes }, compiler.Compile);
        var compilation = GeneratorHarness.CreateCompilation(new[] { Tree("public sealed class A { }") });
        driver = GeneratorHarness.RunDriver(driver, compilation).Driver;
        return (driver, compilation, compiler);
    }

    private static SyntaxTree Tree(string code) => CSharpSyntaxTree.ParseText(code, GeneratorHarness.ParseOptions);

    /// <summary>How each output of a step ran; none for a step that had no input (no [Network] class, say).</summary>
    private static IncrementalStepRunReason[] Reasons(GeneratorRun run, string step) =>
        run.Generator.TrackedSteps.TryGetValue(step, out var runs) ? runs.SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray() : System.Array.Empty<IncrementalStepRunReason>();

    /// <summary>
    /// The steps that read the compilation run again on every C# edit (the attribute steps re-read their classes, the
    /// runtime check re-reads the references): at best their values come out unchanged, and nothing after them runs.
    /// </summary>
    private static readonly string[] SemanticSteps = { TrackingNames.CSharpNetworks, TrackingNames.CSharpBlocks, TrackingNames.ReferencesRuntime };

    [Fact]
    public void Every_named_step_is_tracked()
    {
        var run = GeneratorHarness.RunDriver(
            GeneratorHarness.CreateDriver(new[] { Model }, new RecordingCompiler().CompileWithUnits),
            GeneratorHarness.CreateCompilation(new[] { CSharpHarness.Tree(Network) }));

        Assert.All(Steps, step => Assert.True(run.Generator.TrackedSteps.ContainsKey(step), $"step {step} is not tracked"));
    }

    [Fact]
    public void A_csharp_edit_reruns_nothing()
    {
        var (driver, compilation, compiler) = FirstRun();

        var run = GeneratorHarness.RunDriver(driver, compilation.AddSyntaxTrees(Tree("public sealed class B { }")));

        Assert.All(SemanticSteps, step => Assert.All(Reasons(run, step), reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged })));
        Assert.All(Steps.Except(SemanticSteps), step => Assert.All(Reasons(run, step), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason)));
        Assert.Single(compiler.Calls);
    }

    [Fact]
    public void An_edit_to_another_additional_file_does_not_recompile()
    {
        var (driver, compilation, compiler) = FirstRun();

        driver = driver.ReplaceAdditionalText(Notes, new InMemoryAdditionalText(Notes.Path, "other notes"));
        var run = GeneratorHarness.RunDriver(driver, compilation);

        Assert.All(Reasons(run, TrackingNames.Compile), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Single(compiler.Calls);
    }

    [Fact]
    public void Rereading_a_net_file_with_the_same_text_does_not_recompile()
    {
        var (driver, compilation, compiler) = FirstRun();

        driver = driver.ReplaceAdditionalText(Model, new InMemoryAdditionalText(Model.Path, "network A { }"));
        var run = GeneratorHarness.RunDriver(driver, compilation);

        Assert.Contains(IncrementalStepRunReason.Unchanged, Reasons(run, TrackingNames.Sources));
        Assert.All(Reasons(run, TrackingNames.Compile), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Single(compiler.Calls);
    }

    [Fact]
    public void Editing_a_net_file_recompiles()
    {
        var (driver, compilation, compiler) = FirstRun();

        driver = driver.ReplaceAdditionalText(Model, new InMemoryAdditionalText(Model.Path, "network B { }"));
        var run = GeneratorHarness.RunDriver(driver, compilation);

        // The recording compiler returns the same (empty) output, so the step ran but its value is Unchanged.
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, Reasons(run, TrackingNames.Compile));
        Assert.Equal(2, compiler.Calls.Count);
        Assert.Equal("network B { }", compiler.Calls.Last().Sources.Single().Text);
    }

    [Fact]
    public void Changing_the_root_namespace_recompiles()
    {
        var (driver, compilation, compiler) = FirstRun();

        driver = driver.WithUpdatedAnalyzerConfigOptions(new TestAnalyzerConfigOptionsProvider(
            new Dictionary<string, string> { [GeneratorOptions.RootNamespaceKey] = "Other.Namespace" }));
        var run = GeneratorHarness.RunDriver(driver, compilation);

        Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(run, TrackingNames.Options));
        Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, Reasons(run, TrackingNames.Compile));
        Assert.Equal(2, compiler.Calls.Count);
        Assert.Equal("Other.Namespace", compiler.Calls.Last().Options.Namespace);
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation, RecordingCompiler Compiler) FirstCSharpRun()
    {
        var compiler = new RecordingCompiler();
        var driver = GeneratorHarness.CreateDriver(new AdditionalText[] { Model }, compiler.CompileWithUnits);
        var compilation = GeneratorHarness.CreateCompilation(new[] { CSharpHarness.Tree(Network), CSharpHarness.Tree("namespace Tests.App; public sealed class Other { }", "Other.cs") });
        driver = GeneratorHarness.RunDriver(driver, compilation).Driver;
        return (driver, compilation, compiler);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string fileName, string code)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == TestPaths.Source(fileName));
        return compilation.ReplaceSyntaxTree(old, CSharpHarness.Tree(code, fileName));
    }

    [Fact]
    public void An_edit_to_another_csharp_file_reruns_nothing()
    {
        var (driver, compilation, compiler) = FirstCSharpRun();

        var run = GeneratorHarness.RunDriver(driver, Replace(compilation, "Other.cs", "namespace Tests.App; public sealed class Other { int x; }"));

        Assert.All(SemanticSteps, step => Assert.All(Reasons(run, step), reason => Assert.Contains(reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged })));
        Assert.All(Steps.Except(SemanticSteps), step => Assert.All(Reasons(run, step), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason)));
        Assert.Single(compiler.Calls);
    }

    [Fact]
    public void An_edit_after_the_class_in_its_own_file_does_not_recompile()
    {
        var (driver, compilation, compiler) = FirstCSharpRun();

        var run = GeneratorHarness.RunDriver(driver, Replace(compilation, "Model.cs", Network + "\npublic sealed class Trainer { public int Epochs = 10; }\n"));

        Assert.Contains(IncrementalStepRunReason.Unchanged, Reasons(run, TrackingNames.CSharpNetworks));
        Assert.All(Reasons(run, TrackingNames.Compile), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Single(compiler.Calls);
    }

    [Fact]
    public void Editing_a_layer_attribute_recompiles_with_the_new_layer()
    {
        var (driver, compilation, compiler) = FirstCSharpRun();

        GeneratorHarness.RunDriver(driver, Replace(compilation, "Model.cs", Network.Replace("[Conv2d(8, 3), ReLU]", "[Conv2d(16, 3), ReLU]")));

        Assert.Equal(2, compiler.Calls.Count);
        var network = compiler.Units.Last().Single(u => u.Syntax.Declarations.Count == 1 && u.Syntax.Declarations[0].Name == "Net");
        Assert.Contains("conv(16, 3)", network.Text);
    }

    [Fact]
    public void No_step_caches_a_symbol_syntax_compilation_or_location_with_csharp_declarations()
    {
        // A compiler that reports what the front-end found, so the diagnostics step carries values too.
        UnitCompileFunction reportFrontEnd = (_, units, _, _) => new Compiler.CompilationOutput(
            EquatableArray<Compiler.GeneratedSource>.Empty, units.SelectMany(u => u.Diagnostics).ToEquatableArray());
        var run = GeneratorHarness.RunDriver(
            GeneratorHarness.CreateDriver(new[] { Model }, reportFrontEnd),
            GeneratorHarness.CreateCompilation(new[] { CSharpHarness.Tree(Network.Replace("[Conv2d(8, 3), ReLU]", "[Conv2d(8, typeof(int)), ReLU]")) }));

        Assert.NotEmpty(run.Diagnostics);
        var offenders = Steps
            .Where(step => run.Generator.TrackedSteps.ContainsKey(step))
            .SelectMany(step => run.Generator.TrackedSteps[step].SelectMany((s, i) =>
                s.Outputs.SelectMany(o => ModelWalker.FindForbidden(o.Value, $"{step}[{i}]"))))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void No_step_caches_a_symbol_syntax_compilation_or_location()
    {
        var run = GeneratorHarness.Run(
            new[] { Model },
            FakeCompiler.Reporting(new Diagnostics.DslDiagnostic(
                new Diagnostics.DslDescriptor("ND0001", "t", "c", Diagnostics.DslSeverity.Warning),
                "m",
                new Diagnostics.SourceSpan(Model.Path, 0, 1, 0, 0, 0, 1),
                Collections.EquatableArray<Diagnostics.SourceSpan>.Empty)));

        var offenders = Steps
            .Where(step => run.Generator.TrackedSteps.ContainsKey(step))
            .SelectMany(step => run.Generator.TrackedSteps[step].SelectMany((s, i) =>
                s.Outputs.SelectMany(o => ModelWalker.FindForbidden(o.Value, $"{step}[{i}]"))))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_model_walker_finds_roslyn_objects()
    {
        Assert.Equal(new[] { "value.Item2[0]: " + Location.None.GetType().FullName }, ModelWalker.FindForbidden((1, new[] { Location.None }), "value"));
    }
}
