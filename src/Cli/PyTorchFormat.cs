using System.Collections.Generic;
using System.IO;
using System.Text;
using NetDsl.Compiler;
using NetDsl.Emit;

namespace NetDsl.Cli;

/// <summary><c>netdsl export pytorch</c>: one Python file with an nn.Module per network (docs/export-pytorch.md).</summary>
internal sealed class PyTorchFormat : IExportFormat
{
    public string Name => "pytorch";

    public string Extension => ".py";

    public bool Binary => false;

    public bool TakesWeights => false;

    public int Export(IReadOnlyList<DslSource> sources, ExportRequest request, Stream output, TextWriter error)
    {
        var export = PyTorchEmitter.Export(sources, request.Networks, request.Arguments);
        var errors = DiagnosticText.Write(export.Diagnostics, error);
        foreach (var problem in export.Errors) error.WriteLine($"netdsl: {problem}");
        if (export.Text is null) return ExitCodes.Errors;
        var bytes = new UTF8Encoding(false).GetBytes(export.Text);
        output.Write(bytes, 0, bytes.Length);
        return errors > 0 ? ExitCodes.Errors : ExitCodes.Success;
    }
}
