using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Analysis;

/// <summary>Every shaped site of the checked networks, by file, with what it is at each call.</summary>
public sealed class ShapeTable
{
    private readonly Dictionary<string, Dictionary<ShapedSite, List<SiteShape>>> _files = new(System.StringComparer.Ordinal);

    public static readonly ShapeTable Empty = new();

    /// <summary>The sites of one file, in source order, with their shapes at each call (calls in check order).</summary>
    public IReadOnlyList<(ShapedSite Site, IReadOnlyList<SiteShape> Shapes)> Sites(string path) =>
        _files.TryGetValue(path, out var sites)
            ? sites.OrderBy(s => s.Key.Range.Start).ThenBy(s => s.Key.Range.Length).Select(s => (s.Key, (IReadOnlyList<SiteShape>)s.Value)).ToList()
            : new List<(ShapedSite, IReadOnlyList<SiteShape>)>();

    internal void Add(string path, ShapedSite site, SiteShape shape)
    {
        if (!_files.TryGetValue(path, out var sites)) _files[path] = sites = new Dictionary<ShapedSite, List<SiteShape>>();
        if (!sites.TryGetValue(site, out var shapes)) sites[site] = shapes = new List<SiteShape>();
        shapes.Add(shape);
    }

    /// <summary>Adds every site of <paramref name="other"/> (another network's check) after those already here.</summary>
    internal void AddAll(ShapeTable other)
    {
        foreach (var file in other._files)
        {
            foreach (var site in file.Value)
            {
                foreach (var shape in site.Value) Add(file.Key, site.Key, shape);
            }
        }
    }
}
