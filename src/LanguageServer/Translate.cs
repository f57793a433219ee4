using System.Linq;
using NetDsl.Analysis;
using NetDsl.Diagnostics;
using NetDsl.LanguageServer.Protocol;

namespace NetDsl.LanguageServer;

/// <summary>The analysis' answers as LSP objects.</summary>
internal static class Translate
{
    public static Protocol.Diagnostic Diagnostic(DslDiagnostic diagnostic) => new(
        Range(diagnostic.Span),
        diagnostic.Severity switch
        {
            DslSeverity.Error => 1,
            DslSeverity.Warning => 2,
            _ => 3,
        },
        diagnostic.Id,
        new CodeDescription(diagnostic.Descriptor.HelpLink),
        "NetDsl",
        diagnostic.Message,
        diagnostic.AdditionalSpans.Select(span => new DiagnosticRelatedInformation(new Location(DocumentPaths.ToUri(span.Path), Range(span)), "called here")).ToArray());

    /// <summary>A span's own lines and columns: the ones the build prints.</summary>
    public static Range Range(SourceSpan span) => new(new Position(span.StartLine, span.StartColumn), new Position(span.EndLine, span.EndColumn));

    public static int CompletionKind(Analysis.CompletionKind kind) => kind switch
    {
        Analysis.CompletionKind.Op => 3, // Function
        Analysis.CompletionKind.Block => 7, // Class
        Analysis.CompletionKind.Merge => 3,
        Analysis.CompletionKind.Keyword => 14,
        Analysis.CompletionKind.Value => 6, // Variable
        Analysis.CompletionKind.Parameter => 6,
        Analysis.CompletionKind.Argument => 5, // Field
        _ => 10, // Property
    };

    public static int SymbolKind(Analysis.SymbolKind kind) => kind switch
    {
        Analysis.SymbolKind.Network => 5, // Class
        Analysis.SymbolKind.Block => 12, // Function
        Analysis.SymbolKind.Parameter => 26, // TypeParameter
        Analysis.SymbolKind.Input => 13, // Variable
        Analysis.SymbolKind.Value => 13,
        _ => 8, // Field
    };
}
