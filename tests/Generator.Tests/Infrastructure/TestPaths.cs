using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>Where this test project's sources live (golden files are read and written there, not in bin/).</summary>
public static class TestPaths
{
    public static string ProjectDirectory { get; } =
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NetDsl.ProjectDirectory").Value
        ?? throw new InvalidOperationException("The test assembly does not record its project directory.");

    public static string SnapshotDirectory => Path.Combine(ProjectDirectory, "Snapshots");

    /// <summary>A fixed, OS-neutral folder for in-memory .net files, so paths in snapshots and messages are stable.</summary>
    public const string SourceRoot = "/src/app";

    public static string Source(string fileName) => SourceRoot + "/" + fileName;
}
