using System.Collections.Generic;
using System.IO;
using NetDsl.Compiler;

namespace NetDsl.Cli;

/// <summary>
/// One target of <c>netdsl export FORMAT</c>. A new format is one class listed in <see cref="ExportCommand.Formats"/>
/// (ONNX joins here once its exporter lands in the runtime).
/// </summary>
internal interface IExportFormat
{
    /// <summary>The word after <c>export</c>: <c>pytorch</c>.</summary>
    string Name { get; }

    /// <summary>The file name extension of its output, for messages: <c>.py</c>.</summary>
    string Extension { get; }

    /// <summary>
    /// Exports <paramref name="networks"/> (all when empty) to <paramref name="output"/>, the one network named for
    /// <paramref name="arguments"/> when some are given; returns an exit code, problems on <paramref name="error"/>.
    /// </summary>
    int Export(IReadOnlyList<DslSource> sources, IReadOnlyList<string> networks, IReadOnlyDictionary<string, string> arguments, Stream output, TextWriter error);
}
