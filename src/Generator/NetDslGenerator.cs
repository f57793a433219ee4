using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetDsl.Compiler;

namespace NetDsl.Generator;

/// <summary>
/// Compiles every <c>.net</c> additional file into TorchSharp module classes and reports shape errors as NDxxxx
/// diagnostics located in the <c>.net</c> files. The pipeline carries only value-equatable models (strings and
/// records from src/Dsl), so an unrelated C# edit re-runs nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetDslGenerator : IIncrementalGenerator
{
    private readonly Func<IReadOnlyList<DslSource>, CompileOptions, CancellationToken, CompilationOutput> _compile;

    public NetDslGenerator()
        : this(DslCompiler.Compile)
    {
    }

    /// <summary>Swaps the compiler, so tests can drive the Roslyn side without depending on the language.</summary>
    internal NetDslGenerator(Func<IReadOnlyList<DslSource>, CompileOptions, CancellationToken, CompilationOutput> compile) =>
        _compile = compile;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var sources = context.AdditionalTextsProvider
            .Where(SourceInputs.IsDslFile)
            .Select(SourceInputs.Read)
            .WithTrackingName(TrackingNames.Sources)
            .Where(static source => source is not null)
            .Collect()
            .Select(static (all, _) => SourceInputs.Normalize(all!))
            .WithTrackingName(TrackingNames.AllSources);

        var referencesRuntime = context.CompilationProvider
            .Select(static (compilation, _) => GeneratorOptions.ReferencesRuntime(compilation))
            .WithTrackingName(TrackingNames.ReferencesRuntime);

        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.Read(provider.GlobalOptions))
            .Combine(referencesRuntime)
            .Select(static (pair, _) => pair.Left with { LoadTorchNative = pair.Right })
            .WithTrackingName(TrackingNames.Options);

        var compile = _compile;
        var results = sources
            .Combine(options)
            .Select((input, cancellationToken) => CompileStep.Run(compile, input.Left, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Compile);

        context.RegisterSourceOutput(results, SourceOutput.Emit);
    }
}
