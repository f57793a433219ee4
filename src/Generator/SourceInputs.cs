using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetDsl.Compiler;

namespace NetDsl.Generator;

/// <summary>How additional files become <see cref="DslSource"/>s.</summary>
internal static class SourceInputs
{
    public const string Extension = ".net";

    public static bool IsDslFile(AdditionalText file) =>
        file.Path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>The file's text, or null when the host cannot read it (then the file is skipped); a file the host would refuse as binary is read by <see cref="BinaryFiles"/>.</summary>
    public static DslSource? Read(AdditionalText file, CancellationToken cancellationToken)
    {
        if (BinaryFiles.Read(file.Path) is { } refused) return new DslSource(file.Path, refused);
        var text = file.GetText(cancellationToken);
        return text is null ? null : new DslSource(file.Path, text.ToString());
    }

    /// <summary>A stable order (by path) and one file per path, whatever order and duplicates the host passes.</summary>
    public static List<SyntaxUnit> Normalize(IEnumerable<SyntaxUnit> files) =>
        files
            .GroupBy(static f => f.Path, StringComparer.Ordinal)
            .Select(static g => g.First())
            .OrderBy(static f => f.Path, StringComparer.Ordinal)
            .ToList();
}
