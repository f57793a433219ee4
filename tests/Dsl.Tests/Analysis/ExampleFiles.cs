using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Compiler;
using NetDsl.DslTests.Infrastructure;

namespace NetDsl.DslTests.Analysis;

/// <summary>The repository's .net files, by project folder, as the analysis and the build see them.</summary>
public static class ExampleFiles
{
    /// <summary>
    /// Every .net file of the repository's own folders but the grammar's assertion files (their comments point at
    /// columns, they are not models). Links are not followed and build or scratch folders are not entered: the tests
    /// run beside others whose temporary folders (under artifacts/ in tests/run-all.sh) hold hostile link cycles.
    /// </summary>
    public static IEnumerable<string> All =>
        SourceFolders.Select(folder => Path.Combine(RepositoryPaths.Root, folder)).Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.net", NoLinks))
            .Where(f => !Skipped.Any(part => f.Contains(part)))
            .OrderBy(f => f, System.StringComparer.Ordinal);

    private static readonly string[] SourceFolders = { "benchmarks", "examples", "src", "templates", "tests" };

    private static readonly string[] Skipped =
    {
        $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}",
        "node_modules", Path.Combine("VsCodeExtension", "tests", "grammar"),
    };

    private static readonly EnumerationOptions NoLinks = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
    };

    public static List<DslSource> Folder(string folder) =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "examples", folder), "*.net")
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new DslSource(f, File.ReadAllText(f)))
            .ToList();
}
