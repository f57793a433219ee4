using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Compiler;

namespace NetDsl.Cli;

/// <summary>The .net files a command reads: files as given, and every .net file below a folder (links not followed, bin and obj skipped).</summary>
internal static class SourceFiles
{
    private static readonly EnumerationOptions Below = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System,
        IgnoreInaccessible = true,
        MatchCasing = MatchCasing.CaseSensitive,
    };

    public static IReadOnlyList<DslSource> Read(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) throw new UsageException("give the .net files or folders to read");
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path)) files.Add(path);
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.net", Below)
                    .Where(f => !Skipped(Path.GetRelativePath(path, f)))
                    .OrderBy(f => f, StringComparer.Ordinal));
            }
            else throw new UsageException($"no file or folder '{path}'");
        }
        if (files.Count == 0) throw new UsageException($"no .net file in {string.Join(", ", paths)}");
        return files.Distinct(StringComparer.Ordinal).Select(f => new DslSource(f, File.ReadAllText(f))).ToList();
    }

    /// <summary>Build outputs hold copies of a project's files; reading them would report every declaration twice.</summary>
    private static bool Skipped(string relative) =>
        relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).SkipLast(1).Any(part => part is "bin" or "obj");
}
