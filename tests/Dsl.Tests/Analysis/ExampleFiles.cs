using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Compiler;
using NetDsl.DslTests.Infrastructure;

namespace NetDsl.DslTests.Analysis;

/// <summary>The repository's .net files, by project folder, as the analysis and the build see them.</summary>
public static class ExampleFiles
{
    public static IEnumerable<string> All =>
        Directory.GetFiles(RepositoryPaths.Root, "*.net", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains("artifacts"))
            .OrderBy(f => f, System.StringComparer.Ordinal);

    public static List<DslSource> Folder(string folder) =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "examples", folder), "*.net")
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new DslSource(f, File.ReadAllText(f)))
            .ToList();
}
