using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Compiler;
using NetDsl.Generator.FrontEnd;

namespace NetDsl.Generator;

/// <summary>
/// Compiles every <c>.net</c> additional file and every <c>[Network]</c> / <c>[Block]</c> class into TorchSharp module
/// classes, and reports shape errors as NDxxxx diagnostics located in the <c>.net</c> files and at the attributes of
/// the C# classes. The pipeline carries only value-equatable models (strings and records from src/Dsl), so an
/// unrelated C# edit re-runs nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetDslGenerator : IIncrementalGenerator
{
    private readonly Func<IReadOnlyList<DslSource>, IReadOnlyList<SyntaxUnit>, CompileOptions, CancellationToken, CompilationOutput> _compile;

    public NetDslGenerator()
        : this((sources, units, options, cancellationToken) => DslCompiler.Compile(sources, units, options, cancellationToken))
    {
    }

    /// <summary>Swaps the compiler, so tests can drive the Roslyn side without depending on the language.</summary>
    internal NetDslGenerator(Func<IReadOnlyList<DslSource>, IReadOnlyList<SyntaxUnit>, CompileOptions, CancellationToken, CompilationOutput> compile) =>
        _compile = compile;

    /// <summary>A stand-in compiler that sees only the <c>.net</c> sources (the C# declarations are dropped).</summary>
    internal NetDslGenerator(Func<IReadOnlyList<DslSource>, CompileOptions, CancellationToken, CompilationOutput> compile)
        : this((sources, _, options, cancellationToken) => compile(sources, options, cancellationToken))
    {
    }

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

        var networks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Network,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (attributeContext, cancellationToken) => DeclarationReader.Read(attributeContext, DeclarationKind.Network, cancellationToken))
            .WithTrackingName(TrackingNames.CSharpNetworks);

        var blocks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Block,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (attributeContext, cancellationToken) => DeclarationReader.Read(attributeContext, DeclarationKind.Block, cancellationToken))
            .WithTrackingName(TrackingNames.CSharpBlocks);

        var declarations = networks.Collect()
            .Combine(blocks.Collect())
            .Select(static (pair, _) => CSharpInputs.Normalize(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.AllCSharpDeclarations);

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
            .Combine(declarations)
            .Combine(options)
            .Select((input, cancellationToken) => CompileStep.Run(compile, input.Left.Left, input.Left.Right, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Compile);

        context.RegisterSourceOutput(results, SourceOutput.Emit);

        // Diagnostics are located at report time, in the compilation's syntax trees (see DiagnosticOutput); only this last
        // step sees the compilation, and it does nothing when there is nothing to report.
        var diagnostics = results
            .Select(static (result, _) => result.Output?.Diagnostics ?? default)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), DiagnosticOutput.Report);
    }
}
