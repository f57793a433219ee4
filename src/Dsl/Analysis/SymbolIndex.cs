using System.Collections.Generic;
using System.Linq;
using NetDsl.Compiler;

namespace NetDsl.Analysis;

/// <summary>
/// The symbols of a project's files and every place each is named, found on the syntax trees with the lowerer's
/// scoping: parameters and values are visible after their declaration in their network or block and in its groups;
/// a group's own values stay inside it; blocks are visible project-wide (the first declaration of a name counts, as in
/// the build); a named argument of a block call names the block's parameter.
/// </summary>
public sealed class SymbolIndex
{
    private readonly Dictionary<string, List<SymbolOccurrence>> _byFile = new(System.StringComparer.Ordinal);
    private readonly Dictionary<Symbol, List<SymbolOccurrence>> _bySymbol = new();
    private readonly Dictionary<string, Symbol> _declarations = new(System.StringComparer.Ordinal);

    private SymbolIndex()
    {
    }

    public static SymbolIndex Build(IEnumerable<SyntaxUnit> files)
    {
        var index = new SymbolIndex();
        new SymbolWalker(index).Walk(files.OrderBy(f => f.Path, System.StringComparer.Ordinal).ToList());
        foreach (var occurrences in index._byFile.Values) occurrences.Sort((a, b) => a.Range.Start.CompareTo(b.Range.Start));
        return index;
    }

    /// <summary>The network or block a project keeps under <paramref name="name"/> (the build's first declaration), or null.</summary>
    public Symbol? Declaration(string name) => _declarations.TryGetValue(name, out var symbol) ? symbol : null;

    /// <summary>The symbols defined in <paramref name="path"/>, in source order.</summary>
    public IReadOnlyList<Symbol> DefinedIn(string path) =>
        _byFile.TryGetValue(path, out var occurrences) ? occurrences.Where(o => o.IsDefinition).Select(o => o.Symbol).ToList() : new List<Symbol>();

    /// <summary>The occurrence whose name touches <paramref name="offset"/> (a caret just after a name counts), or null.</summary>
    public SymbolOccurrence? At(string path, int offset)
    {
        if (!_byFile.TryGetValue(path, out var occurrences)) return null;
        SymbolOccurrence? touching = null;
        foreach (var occurrence in occurrences)
        {
            if (occurrence.Range.Start > offset) break;
            if (offset < occurrence.Range.End) return occurrence;
            if (offset == occurrence.Range.End) touching = occurrence;
        }
        return touching;
    }

    /// <summary>Every occurrence of <paramref name="symbol"/>, its definition first, then in file and source order.</summary>
    public IReadOnlyList<SymbolOccurrence> References(Symbol symbol) =>
        _bySymbol.TryGetValue(symbol, out var occurrences)
            ? occurrences.OrderBy(o => !o.IsDefinition).ThenBy(o => o.Path, System.StringComparer.Ordinal).ThenBy(o => o.Range.Start).ToList()
            : new List<SymbolOccurrence>();

    internal void Keep(Symbol declaration) => _declarations[declaration.Name] = declaration;

    internal void Add(SymbolOccurrence occurrence)
    {
        if (!_byFile.TryGetValue(occurrence.Path, out var inFile)) _byFile[occurrence.Path] = inFile = new List<SymbolOccurrence>();
        inFile.Add(occurrence);
        if (!_bySymbol.TryGetValue(occurrence.Symbol, out var ofSymbol)) _bySymbol[occurrence.Symbol] = ofSymbol = new List<SymbolOccurrence>();
        ofSymbol.Add(occurrence);
    }
}
