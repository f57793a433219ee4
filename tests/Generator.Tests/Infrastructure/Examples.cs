using System.IO;
using Microsoft.CodeAnalysis;

namespace NetDsl.Generator.Tests.Infrastructure;

/// <summary>The repository's example files, read from the source tree.</summary>
public static class Examples
{
    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(TestPaths.ProjectDirectory, "..", ".."));

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot, relativePath));

    /// <summary>A C# example as a syntax tree under the test source root, so paths in messages are stable.</summary>
    public static SyntaxTree Tree(string relativePath) => CSharpHarness.Tree(Read(relativePath), Path.GetFileName(relativePath));
}
