using System.Collections.Generic;
using NetDsl.Collections;

namespace NetDsl.Analysis;

/// <summary>The shaped sites one network's check reached, by file; filled by a <see cref="ShapeRecorder"/>.</summary>
internal sealed class NetworkShapeTable
{
    public static readonly NetworkShapeTable Empty = new();

    private readonly Dictionary<string, List<(ShapedSite Site, List<SiteShape> Shapes)>> _files = new(System.StringComparer.Ordinal);

    /// <summary>Each IR object's site and its shapes: a site is looked up by the object that made it, not hashed by value each time.</summary>
    private readonly Dictionary<object, List<SiteShape>> _byOrigin = new(ReferenceComparer<object>.Instance);

    public IEnumerable<(ShapedSite Site, List<SiteShape> Shapes)> Sites(string path) =>
        _files.TryGetValue(path, out var sites) ? sites : (IEnumerable<(ShapedSite, List<SiteShape>)>)System.Array.Empty<(ShapedSite, List<SiteShape>)>();

    /// <summary>Adds what the site made by <paramref name="origin"/> (an instruction, a parameter, a named value) is at one call.</summary>
    public void Add(object origin, string path, System.Func<ShapedSite> site, SiteShape shape)
    {
        if (!_byOrigin.TryGetValue(origin, out var shapes))
        {
            _byOrigin[origin] = shapes = new List<SiteShape>();
            if (!_files.TryGetValue(path, out var sites)) _files[path] = sites = new List<(ShapedSite, List<SiteShape>)>();
            sites.Add((site(), shapes));
        }
        shapes.Add(shape);
    }
}
