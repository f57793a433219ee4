using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Compiler;

/// <summary>Finds blocks that reach themselves through calls, with one cycle path for the message.</summary>
internal static class RecursionCheck
{
    public static IEnumerable<(string Block, IReadOnlyList<string> Path)> FindRecursive(IReadOnlyDictionary<string, HashSet<string>> calls)
    {
        foreach (var start in calls.Keys.OrderBy(k => k, System.StringComparer.Ordinal))
        {
            var path = FindPath(start, start, calls);
            if (path is not null) yield return (start, path);
        }
    }

    private static List<string>? FindPath(string from, string target, IReadOnlyDictionary<string, HashSet<string>> calls)
    {
        var previous = new Dictionary<string, string>();
        var queue = new Queue<string>();
        queue.Enqueue(from);
        var seen = new HashSet<string>();
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (!calls.TryGetValue(current, out var next)) continue;
            foreach (var callee in next.OrderBy(n => n, System.StringComparer.Ordinal))
            {
                if (callee == target)
                {
                    var path = new List<string> { target };
                    for (var node = current; node != from; node = previous[node]) path.Insert(0, node);
                    path.Insert(0, from);
                    return path;
                }
                if (seen.Add(callee))
                {
                    previous[callee] = current;
                    queue.Enqueue(callee);
                }
            }
        }
        return null;
    }
}
