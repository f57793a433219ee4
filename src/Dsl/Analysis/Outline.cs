using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Analysis;

/// <summary>A file's outline: its networks and blocks, each with its parameters, inputs, values and labels, nested as they are in the source.</summary>
public static class Outline
{
    public static IReadOnlyList<OutlineItem> For(ProjectSnapshot snapshot, string path)
    {
        var symbols = snapshot.Symbols.DefinedIn(path).OrderBy(s => s.Range.Start).ThenByDescending(s => s.Range.Length).ToList();
        var open = new Stack<(Symbol Symbol, List<OutlineItem> Children)>();
        var top = new List<OutlineItem>();
        foreach (var symbol in symbols)
        {
            while (open.Count > 0 && !Inside(symbol, open.Peek().Symbol)) Close(open, top);
            open.Push((symbol, new List<OutlineItem>()));
        }
        while (open.Count > 0) Close(open, top);
        return top;
    }

    private static bool Inside(Symbol inner, Symbol outer) =>
        inner.Range.Start >= outer.Range.Start && inner.Range.End <= outer.Range.End && outer.Kind is SymbolKind.Network or SymbolKind.Block or SymbolKind.Label or SymbolKind.Value;

    private static void Close(Stack<(Symbol Symbol, List<OutlineItem> Children)> open, List<OutlineItem> top)
    {
        var (symbol, children) = open.Pop();
        var item = new OutlineItem(symbol, children);
        if (open.Count > 0) open.Peek().Children.Add(item);
        else top.Add(item);
    }
}
