using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="NetDslGenerator"/> through Roslyn's <see cref="CSharpGeneratorDriver"/>, as a build would.</summary>
public static class GeneratorHarness
{
    public const string RootNamespace = "Tests.App";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly CSharpCompilationOptions CompilationOptions =
        new(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>
    /// Runs the generator once over <paramref name="files"/>. <paramref name="compile"/> replaces the real compiler
    /// (default: <see cref="Compiler.DslCompiler.Compile"/>); <paramref name="rootNamespace"/> null means the property is absent.
    /// </summary>
    public static GeneratorRun Run(
        IEnumerable<AdditionalText> files,
        CompileFunction? compile = null,
        string? rootNamespace = RootNamespace,
        CSharpCompilationOptions? options = null,
        IEnumerable<SyntaxTree>? trees = null,
        CancellationToken cancellationToken = default)
    {
        var driver = CreateDriver(files, compile, rootNamespace);
        return RunDriver(driver, CreateCompilation(trees, options), cancellationToken);
    }

    public static GeneratorRun Run(string fileName, string text, CompileFunction? compile = null) =>
        Run(new[] { new InMemoryAdditionalText(TestPaths.Source(fileName), text) }, compile);

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, CompileFunction? compile = null, string? rootNamespace = RootNamespace) =>
        CreateDriver(files, compile is null ? new NetDslGenerator() : new NetDslGenerator(new WholeProjectCompiler(compile)), rootNamespace);

    /// <summary>A driver whose compiler also receives the C# declarations (<see cref="Compiler.SyntaxUnit"/>s).</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, UnitCompileFunction compile, string? rootNamespace = RootNamespace) =>
        CreateDriver(files, new NetDslGenerator(new WholeProjectCompiler(compile)), rootNamespace);

    /// <summary>A driver whose generator runs the phases of <paramref name="compiler"/>.</summary>
    internal static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, ICompilerPhases compiler, string? rootNamespace = RootNamespace) =>
        CreateDriver(files, new NetDslGenerator(compiler), rootNamespace);

    private static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, NetDslGenerator generator, string? rootNamespace)
    {
        var properties = new Dictionary<string, string>();
        if (rootNamespace is not null) properties[GeneratorOptions.RootNamespaceKey] = rootNamespace;
        return CSharpGeneratorDriver.Create(
            new[] { generator.AsSourceGenerator() },
            files,
            ParseOptions,
            new TestAnalyzerConfigOptionsProvider(properties),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>A compilation that references what generated code needs: .NET, TorchSharp and NetDsl.Dsl.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<SyntaxTree>? trees = null, CSharpCompilationOptions? options = null) =>
        CSharpCompilation.Create(
            "NetDsl.Generator.Tests.Output",
            trees ?? Enumerable.Empty<SyntaxTree>(),
            CompileReferences.ForGeneratedCode,
            options ?? CompilationOptions);

    public static GeneratorRun RunDriver(GeneratorDriver driver, Compilation compilation, CancellationToken cancellationToken = default)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics, cancellationToken);
        return new GeneratorRun(driver, driver.GetRunResult(), output, diagnostics);
    }
}
