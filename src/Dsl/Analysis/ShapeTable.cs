using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Analysis;

/// <summary>
/// Every shaped site of a project's checked networks, by file, with what it is at each call. Made of one part per
/// network (kept between edits while the network's files are unchanged); a file's sites are merged from the parts when
/// first asked for.
/// </summary>
public sealed class ShapeTable
{
    private readonly IReadOnlyList<NetworkShapeTable> _parts;
    private readonly Dictionary<string, IReadOnlyList<(ShapedSite Site, IReadOnlyList<SiteShape> Shapes)>> _merged = new(System.StringComparer.Ordinal);

    internal ShapeTable(IReadOnlyList<NetworkShapeTable> parts) => _parts = parts;

    /// <summary>The sites of one file, in source order, with their shapes at each call (networks in check order, then calls in run order).</summary>
    public IReadOnlyList<(ShapedSite Site, IReadOnlyList<SiteShape> Shapes)> Sites(string path)
    {
        lock (_merged)
        {
            if (_merged.TryGetValue(path, out var known)) return known;
            var merged = new Dictionary<ShapedSite, List<SiteShape>>();
            foreach (var part in _parts)
            {
                foreach (var (site, shapes) in part.Sites(path))
                {
                    if (!merged.TryGetValue(site, out var all)) merged[site] = all = new List<SiteShape>();
                    all.AddRange(shapes);
                }
            }
            var sites = merged.OrderBy(s => s.Key.Range.Start).ThenBy(s => s.Key.Range.Length)
                .Select(s => (s.Key, (IReadOnlyList<SiteShape>)s.Value)).ToList();
            _merged[path] = sites;
            return sites;
        }
    }
}
