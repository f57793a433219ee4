using System;
using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetDsl.Diagnostics;

namespace NetDsl.Generator;

/// <summary>Turns the compiler's <see cref="DslDiagnostic"/>s into Roslyn diagnostics located in the <c>.net</c> and C# files.</summary>
internal static class DiagnosticMapper
{
    private static readonly ConcurrentDictionary<DslDescriptor, DiagnosticDescriptor> Descriptors = new();

    /// <summary>The help page of the C# front-end's diagnostics (category NetDsl.CSharp).</summary>
    public const string CSharpHelpBase = "https://github.com/netdsl/netdsl/blob/main/docs/diagnostics-csharp.md#";

    public static Diagnostic ToDiagnostic(DslDiagnostic diagnostic) => ToDiagnostic(diagnostic, ToLocation);

    /// <summary>The diagnostic with its spans located by <paramref name="locate"/> (in a syntax tree for C# files).</summary>
    public static Diagnostic ToDiagnostic(DslDiagnostic diagnostic, Func<SourceSpan, Location> locate) =>
        Diagnostic.Create(
            ToDescriptor(diagnostic.Descriptor),
            locate(diagnostic.Span),
            diagnostic.AdditionalSpans.Select(locate),
            diagnostic.Message);

    /// <summary>One cached Roslyn descriptor per language descriptor; the message is the diagnostic's own text.</summary>
    public static DiagnosticDescriptor ToDescriptor(DslDescriptor descriptor) =>
        Descriptors.GetOrAdd(descriptor, static d => new DiagnosticDescriptor(
            id: d.Id,
            title: d.Title,
            messageFormat: "{0}",
            category: d.Category,
            defaultSeverity: ToSeverity(d.Severity),
            isEnabledByDefault: true,
            helpLinkUri: d.Category == "NetDsl.CSharp" ? CSharpHelpBase + d.Id.ToLowerInvariant() : d.HelpLink));

    public static Location ToLocation(SourceSpan span) =>
        Location.Create(
            span.Path,
            new TextSpan(span.Start, span.Length),
            new LinePositionSpan(
                new LinePosition(span.StartLine, span.StartColumn),
                new LinePosition(span.EndLine, span.EndColumn)));

    public static DiagnosticSeverity ToSeverity(DslSeverity severity) => severity switch
    {
        DslSeverity.Info => DiagnosticSeverity.Info,
        DslSeverity.Warning => DiagnosticSeverity.Warning,
        DslSeverity.Error => DiagnosticSeverity.Error,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown NetDsl severity."),
    };
}
