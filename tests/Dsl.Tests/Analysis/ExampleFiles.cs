using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Compiler;
using NetDsl.DslTests.Infrastructure;

namespace NetDsl.DslTests.Analysis;

/// <summary>The repository's .net files, by project folder, as the analysis and the build see them.</summary>
public static class ExampleFiles
{
    /// <summary>Every .net file of the repository but the grammar's assertion files (their comments point at columns, they are not models).</summary>
    public static IEnumerable<string> All =>
        Directory.GetFiles(RepositoryPaths.Root, "*.net", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains("artifacts") && !f.Contains("node_modules") && !f.Contains(Path.Combine("VsCodeExtension", "tests", "grammar")))
            .OrderBy(f => f, System.StringComparer.Ordinal);

    public static List<DslSource> Folder(string folder) =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "examples", folder), "*.net")
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new DslSource(f, File.ReadAllText(f)))
            .ToList();
}
