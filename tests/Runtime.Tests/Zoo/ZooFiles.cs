using System;
using System.IO;

namespace NetDsl.Runtime.Tests.Zoo;

/// <summary>The zoo's sources and these tests' manifests, found from the test assembly upwards (the repository root holds NetDsl.sln).</summary>
internal static class ZooFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>examples/Zoo: the .net files.</summary>
    public static string Networks => Path.Combine(Root, "examples", "Zoo");

    /// <summary>tests/Runtime.Tests/Zoo: the key manifests.</summary>
    public static string Tests => Path.Combine(Root, "tests", "Runtime.Tests", "Zoo");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "NetDsl.sln"))) return folder.FullName;
        }
        throw new DirectoryNotFoundException($"no NetDsl.sln above {AppContext.BaseDirectory}");
    }
}
