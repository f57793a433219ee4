using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Analysis;
using NetDsl.Compiler;

namespace NetDsl.LanguageServer;

/// <summary>
/// The <c>.net</c> files the build compiles together: those under a project folder (the generator's default
/// <c>**/*.net</c> glob, bin/ and obj/ excluded, and folders of other projects below it), with the editor's unsaved
/// text in place of the disk's.
/// </summary>
internal sealed class Project
{
    private static readonly string[] SkippedFolders = { "bin", "obj", "node_modules", ".git", ".vs" };

    private readonly ProjectAnalyzer _analyzer = new();
    private HashSet<string>? _diskFiles;

    public Project(string root) => Root = root;

    public string Root { get; }

    public ProjectSnapshot? Snapshot { get; private set; }

    /// <summary>Forgets the files found on disk, so the next analysis looks again (a file was created or deleted).</summary>
    public void Rescan() => _diskFiles = null;

    public ProjectSnapshot Analyze(IReadOnlyDictionary<string, string> openDocuments)
    {
        _diskFiles ??= Scan(Root);
        var paths = new SortedSet<string>(_diskFiles, System.StringComparer.Ordinal);
        foreach (var open in openDocuments.Keys)
        {
            if (Contains(open)) paths.Add(open);
        }
        var sources = new List<DslSource>();
        foreach (var path in paths)
        {
            if (openDocuments.TryGetValue(path, out var text)) sources.Add(new DslSource(path, text));
            else if (Read(path) is { } disk) sources.Add(new DslSource(path, disk));
        }
        Snapshot = _analyzer.Analyze(sources);
        return Snapshot;
    }

    public bool Contains(string path) =>
        path.StartsWith(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, System.StringComparison.Ordinal);

    private static readonly EnumerationOptions NoLinks = new() { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };

    private static HashSet<string> Scan(string root)
    {
        var files = new HashSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            try
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.net")) files.Add(Path.GetFullPath(file));
                // Linked folders are not entered: a link to a parent would make the scan endless.
                foreach (var sub in Directory.EnumerateDirectories(folder, "*", NoLinks))
                {
                    // A folder with its own .csproj is another project (the examples under a repository, say).
                    if (!SkippedFolders.Contains(Path.GetFileName(sub), System.StringComparer.OrdinalIgnoreCase) && !Directory.EnumerateFiles(sub, "*.csproj").Any()) pending.Push(sub);
                }
            }
            catch (System.Exception error) when (error is IOException or System.UnauthorizedAccessException)
            {
                // A folder that cannot be read holds no file of the project.
            }
        }
        return files;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (System.Exception error) when (error is IOException or System.UnauthorizedAccessException)
        {
            return null; // deleted or unreadable since the scan: as the build, it has no such file
        }
    }
}
