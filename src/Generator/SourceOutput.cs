using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetDsl.Generator;

/// <summary>Hands a <see cref="GenerationResult"/>'s generated files to Roslyn (its diagnostics go through <see cref="DiagnosticOutput"/>).</summary>
internal static class SourceOutput
{
    public static void Emit(SourceProductionContext context, GenerationResult result)
    {
        if (result.Error is { } error)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                GeneratorDescriptors.InternalError, Location.None, error.ExceptionType, error.Message, error.TopFrame));
            return;
        }

        var output = result.Output!;
        foreach (var source in output.Sources)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            context.AddSource(source.HintName, SourceText.From(source.Text, Encoding.UTF8));
        }
    }
}
