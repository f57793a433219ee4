using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetDsl.Collections;
using NetDsl.Compiler;

namespace NetDsl.Generator;

/// <summary>Hands generated files to Roslyn (diagnostics go through <see cref="DiagnosticOutput"/>).</summary>
internal static class SourceOutput
{
    public static void Emit(SourceProductionContext context, EquatableArray<GeneratedSource> sources)
    {
        foreach (var source in sources)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            context.AddSource(source.HintName, SourceText.From(source.Text, Encoding.UTF8));
        }
    }
}
