using Microsoft.CodeAnalysis;
using NetDsl.Diagnostics;

namespace NetDsl.Generator;

/// <summary>Diagnostics that belong to the generator itself rather than to the language (those come from src/Dsl).</summary>
internal static class GeneratorDescriptors
{
    public static readonly DiagnosticDescriptor InternalError = new(
        id: "ND9999",
        title: "NetDsl internal error",
        messageFormat: "NetDsl internal error: {0}: {1} (at {2}); please report this at https://github.com/netdsl/netdsl/issues with the .net file that triggers it",
        category: "NetDsl.Internal",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The NetDsl compiler failed unexpectedly. This is a bug in NetDsl, not in your network.",
        helpLinkUri: DslDescriptor.HelpBase + "nd9999");
}
