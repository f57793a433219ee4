using System;
using System.IO;

namespace NetDsl.DslTests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The folder holding NetDsl.sln, found by walking up from the test assembly.</summary>
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "NetDsl.sln"))) return directory.FullName;
            }
            throw new InvalidOperationException("NetDsl.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string DiagnosticsDoc => Path.Combine(Root, "docs", "diagnostics.md");
}
