using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Syntax;
using DslSourceText = NetDsl.Syntax.SourceText;

namespace NetDsl.Generator.FrontEnd;

/// <summary>The state of reading one class: the file, the semantic model, and what the reading found and needs kept.</summary>
internal sealed class ReaderContext
{
    public ReaderContext(string path, string fileText, SemanticModel model, CancellationToken cancellationToken)
    {
        Path = path;
        FileText = fileText;
        Source = new DslSourceText(path, fileText);
        Model = model;
        CancellationToken = cancellationToken;
    }

    public string Path { get; }

    public string FileText { get; }

    /// <summary>The file as the language sees it, to turn offsets into lines and columns.</summary>
    public DslSourceText Source { get; }

    public SemanticModel Model { get; }

    public CancellationToken CancellationToken { get; }

    public List<DslDiagnostic> Diagnostics { get; } = new();

    /// <summary>Ranges of the file the compiler reads as text (the contents of NetDsl strings, attributes shown as written).</summary>
    public List<TextRange> Kept { get; } = new();

    public List<CallOverlay> Overlays { get; } = new();

    public static TextRange Range(Microsoft.CodeAnalysis.Text.TextSpan span) => new(span.Start, span.Length);

    public static TextRange Range(SyntaxNode node) => Range(node.Span);

    public static TextRange Range(SyntaxToken token) => Range(token.Span);

    public SourceSpan Span(TextRange range) => Source.Span(range);

    public void Report(DslDescriptor descriptor, TextRange range, string message) =>
        Diagnostics.Add(new DslDiagnostic(descriptor, message, Span(range), EquatableArray<SourceSpan>.Empty));

    public void Report(DslDescriptor descriptor, SyntaxNode node, string message) => Report(descriptor, Range(node), message);

    public void Report(DslDescriptor descriptor, SyntaxToken token, string message) => Report(descriptor, Range(token), message);

    /// <summary>At a location that may be in another file (another part of the class).</summary>
    public void Report(DslDescriptor descriptor, Location location, string message)
    {
        var tree = location.SourceTree!;
        if (tree.FilePath == Path)
        {
            Report(descriptor, Range(location.SourceSpan), message);
            return;
        }
        var lines = location.GetLineSpan();
        Diagnostics.Add(new DslDiagnostic(descriptor, message,
            new SourceSpan(tree.FilePath, location.SourceSpan.Start, location.SourceSpan.Length, lines.StartLinePosition.Line, lines.StartLinePosition.Character, lines.EndLinePosition.Line, lines.EndLinePosition.Character),
            EquatableArray<SourceSpan>.Empty));
    }

    public string Text(TextRange range) => FileText.Substring(range.Start, range.Length);
}
