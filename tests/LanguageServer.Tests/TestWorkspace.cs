using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using IOPath = System.IO.Path;
using NetDsl.Compiler;

namespace NetDsl.LanguageServerTests;

/// <summary>A project folder of its own for one test: a .csproj and .net files (copied from the repository or written by the test).</summary>
public sealed class TestWorkspace : IDisposable
{
    public TestWorkspace()
    {
        Root = IOPath.Combine(IOPath.GetTempPath(), "netdsl-lsp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        File.WriteAllText(IOPath.Combine(Root, "Models.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
    }

    public string Root { get; }

    /// <summary>The folder holding NetDsl.sln, found by walking up from the test assembly.</summary>
    public static string Repository
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(IOPath.Combine(directory.FullName, "NetDsl.sln"))) return directory.FullName;
            }
            throw new InvalidOperationException("NetDsl.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A copy of every .net file of an examples/ folder; returns the copies' paths.</summary>
    public static TestWorkspace WithExamples(string folder)
    {
        var workspace = new TestWorkspace();
        foreach (var file in Directory.GetFiles(IOPath.Combine(Repository, "examples", folder), "*.net"))
        {
            File.Copy(file, IOPath.Combine(workspace.Root, IOPath.GetFileName(file)));
        }
        return workspace;
    }

    public string Path(string name) => IOPath.Combine(Root, name);

    public string Write(string name, string text)
    {
        var path = Path(name);
        File.WriteAllText(path, text);
        return path;
    }

    public string Read(string name) => File.ReadAllText(Path(name));

    public IReadOnlyList<string> Files => Directory.GetFiles(Root, "*.net").OrderBy(f => f, StringComparer.Ordinal).ToList();

    /// <summary>What the build reports for the folder's files, with <paramref name="edited"/> in place of one file's text.</summary>
    public CompilationOutput Build(string? edited = null, string? text = null) =>
        DslCompiler.Compile(Files.Select(f => new DslSource(f, f == edited ? text! : File.ReadAllText(f))).ToList(), new CompileOptions("Models"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
