using Microsoft.CodeAnalysis;
using NetDsl.Diagnostics;

namespace NetDsl.Generator;

/// <summary>
/// The catalog's internal error (<see cref="DiagnosticCatalog.InternalError"/>) with the generator's own message: exception
/// type, message and top frame. Constants, as Roslyn's analyzers require; AnalyzerReleasesTests keeps them equal to the catalog's.
/// </summary>
internal static class GeneratorDescriptors
{
    public static readonly DiagnosticDescriptor InternalError = new(
        id: "ND9999",
        title: "NetDsl internal error",
        messageFormat: "NetDsl internal error: {0}: {1} (at {2}); please report this at https://github.com/netdsl/netdsl/issues with the .net file that triggers it",
        category: "NetDsl.Tool",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The NetDsl compiler failed unexpectedly. This is a bug in NetDsl, not in your network.",
        helpLinkUri: DslDescriptor.HelpBase + "nd9999");
}
