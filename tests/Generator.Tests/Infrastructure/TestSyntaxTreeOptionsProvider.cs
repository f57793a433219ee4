using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>
/// Severity settings as csc builds them from analyzer config files: <paramref name="global"/> from global configs
/// (<c>.globalconfig</c>, <c>is_global = true</c>), <paramref name="perTree"/> from <c>.editorconfig</c> sections, which
/// Roslyn can only apply to diagnostics located in a syntax tree.
/// </summary>
public sealed class TestSyntaxTreeOptionsProvider(
    IReadOnlyDictionary<string, ReportDiagnostic> global,
    IReadOnlyDictionary<string, ReportDiagnostic> perTree) : SyntaxTreeOptionsProvider
{
    public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

    public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
        perTree.TryGetValue(diagnosticId, out severity);

    public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
        global.TryGetValue(diagnosticId, out severity);
}
