using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Collections;
using NetDsl.Compiler;
using NetDsl.Generator.FrontEnd;

namespace NetDsl.Generator;

/// <summary>
/// Compiles every <c>.net</c> additional file and every <c>[Network]</c> / <c>[Block]</c> class into TorchSharp module
/// classes, and reports shape errors as NDxxxx diagnostics located in the <c>.net</c> files and at the attributes of
/// the C# classes. Each file is parsed on its own, and each network and block is checked and emitted on its own from
/// the files it reaches, so an edit re-runs only what it can change. The pipeline carries only value-equatable models
/// (strings and records from src/Dsl), so an unrelated C# edit re-runs nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetDslGenerator : IIncrementalGenerator
{
    private readonly ICompilerPhases _compiler;

    public NetDslGenerator()
        : this(DslCompilerPhases.Instance)
    {
    }

    /// <summary>Swaps the compiler, so tests can drive the Roslyn side without depending on the language.</summary>
    internal NetDslGenerator(ICompilerPhases compiler) => _compiler = compiler;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var compiler = _compiler;
        var parsed = context.AdditionalTextsProvider
            .Where(SourceInputs.IsDslFile)
            .Select(SourceInputs.Read)
            .WithTrackingName(TrackingNames.Sources)
            .Where(static source => source is not null)
            .Select((source, cancellationToken) => Guard.Run(() => compiler.Parse(source!, cancellationToken), cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        var networks = CSharpDeclarations(context, AttributeNames.Network, DeclarationKind.Network, TrackingNames.CSharpNetworks);
        var blocks = CSharpDeclarations(context, AttributeNames.Block, DeclarationKind.Block, TrackingNames.CSharpBlocks);

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

        var plan = parsed.Collect()
            .Combine(declarations)
            .Combine(options)
            .Select((input, cancellationToken) => ProjectPlan.Create(compiler, input.Left.Left, input.Left.Right, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Plan);

        // One item per unit: Roslyn compares each with its previous value, and compiles only those that changed.
        var compiled = plan
            .SelectMany(static (project, _) => project.Units)
            .WithTrackingName(TrackingNames.Units)
            .Combine(options)
            .Select((input, cancellationToken) => Guard.Run(() => compiler.CompileUnit(input.Left, input.Right, cancellationToken), cancellationToken))
            .WithTrackingName(TrackingNames.Compile);

        var sources = compiled
            .Select(static (unit, _) => unit.Value?.Sources ?? EquatableArray<GeneratedSource>.Empty)
            .WithTrackingName(TrackingNames.GeneratedSources);
        context.RegisterSourceOutput(sources, SourceOutput.Emit);

        var stubs = sources
            .Select(static (files, _) => files.Select(static file => file.HintName).ToEquatableArray())
            .Collect()
            .Combine(declarations)
            .Select(static (input, _) => CSharpUnits.Stubs(input.Left.SelectMany(static names => names), input.Right))
            .WithTrackingName(TrackingNames.Stubs);
        context.RegisterSourceOutput(stubs, SourceOutput.Emit);

        // Diagnostics are located at report time, in the compilation's syntax trees (see DiagnosticOutput); only this last
        // step sees the compilation, and it does nothing when there is nothing to report.
        var report = compiled
            .Select(static (unit, _) => ProjectReport.WithoutSources(unit))
            .Collect()
            .Combine(plan)
            .Combine(declarations)
            .Select(static (input, _) => ProjectReport.Create(input.Left.Right, input.Left.Left, input.Right))
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(report.Combine(context.CompilationProvider), DiagnosticOutput.Report);
    }

    /// <summary>One <see cref="CSharpDeclaration"/> per class or record carrying <paramref name="attribute"/>.</summary>
    private static IncrementalValuesProvider<CSharpDeclaration> CSharpDeclarations(
        IncrementalGeneratorInitializationContext context, string attribute, DeclarationKind kind, string trackingName) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                (attributeContext, cancellationToken) => DeclarationReader.Read(attributeContext, kind, cancellationToken))
            .WithTrackingName(trackingName);
}
