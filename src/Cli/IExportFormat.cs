using System.Collections.Generic;
using System.IO;
using NetDsl.Compiler;

namespace NetDsl.Cli;

/// <summary>One target of <c>netdsl export FORMAT</c>. A new format is one class listed in <see cref="ExportCommand.Formats"/>.</summary>
internal interface IExportFormat
{
    /// <summary>The word after <c>export</c>: <c>pytorch</c>.</summary>
    string Name { get; }

    /// <summary>The file name extension of its output, for messages: <c>.py</c>.</summary>
    string Extension { get; }

    /// <summary>Its output is not text: it goes to a file (<c>-o</c>), never to the terminal.</summary>
    bool Binary { get; }

    /// <summary>It stores weights, so <c>--weights FILE</c> means something to it.</summary>
    bool TakesWeights { get; }

    /// <summary>
    /// Exports the networks of <paramref name="request"/> (all when it names none) to <paramref name="output"/>; returns an
    /// exit code, problems on <paramref name="error"/>.
    /// </summary>
    int Export(IReadOnlyList<DslSource> sources, ExportRequest request, Stream output, TextWriter error);
}
