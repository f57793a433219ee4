using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetDsl.LanguageServer;

/// <summary>
/// The open documents and the projects they belong to. A file's project is the nearest folder above it with a
/// <c>.csproj</c> (the build compiles that project's <c>.net</c> files together); a file with none above it inside a
/// workspace folder belongs to that workspace folder; one outside every workspace folder, to its own folder.
/// </summary>
internal sealed class Workspace
{
    private readonly List<string> _roots = new();
    private readonly Dictionary<string, Project> _projects = new(System.StringComparer.Ordinal);

    /// <summary>Unsaved texts by path, with the version the editor gave them.</summary>
    public Dictionary<string, (string Text, int Version)> Open { get; } = new(System.StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> OpenTexts => Open.ToDictionary(o => o.Key, o => o.Value.Text, System.StringComparer.Ordinal);

    public IEnumerable<Project> Projects => _projects.Values;

    public void AddRoot(string folder) => _roots.Add(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));

    public Project ProjectOf(string path)
    {
        var root = ProjectRoot(path);
        if (!_projects.TryGetValue(root, out var project)) _projects[root] = project = new Project(root);
        return project;
    }

    /// <summary>The text of a file: the editor's if it is open, else the disk's.</summary>
    public string? Text(string path)
    {
        if (Open.TryGetValue(path, out var open)) return open.Text;
        try
        {
            return File.ReadAllText(path);
        }
        catch (System.Exception error) when (error is IOException or System.UnauthorizedAccessException)
        {
            return null;
        }
    }

    private string ProjectRoot(string path)
    {
        var folder = Path.GetDirectoryName(path) ?? path;
        var workspace = _roots.Where(r => path.StartsWith(r + Path.DirectorySeparatorChar, System.StringComparison.Ordinal)).OrderByDescending(r => r.Length).FirstOrDefault();
        for (var current = folder; current is not null; current = Path.GetDirectoryName(current))
        {
            if (HasProjectFile(current)) return current;
            if (workspace is not null && current == workspace) return workspace;
        }
        return folder;
    }

    private static bool HasProjectFile(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder, "*.csproj").Any();
        }
        catch (System.Exception error) when (error is IOException or System.UnauthorizedAccessException)
        {
            return false;
        }
    }
}
