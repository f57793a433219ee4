using System.Collections.Generic;
using System.Linq;
using NetDsl.Catalog;
using NetDsl.Diagnostics;
using NetDsl.Semantics;
using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>
/// Renames a block (its declaration and every call, in every file), a parameter (with the named arguments that give
/// it), a named value or input (with its uses), or a label. The new name must be a name the language accepts there.
/// </summary>
public static class Renames
{
    private static readonly HashSet<string> Reserved = new() { "input", "same", "valid" };

    /// <summary>The symbol at a position and the range of its name there, or null when nothing renamable is there.</summary>
    public static SymbolOccurrence? Prepare(ProjectSnapshot snapshot, string path, int offset) =>
        snapshot.Symbols.At(path, offset) is { Symbol.Kind: not SymbolKind.Network } occurrence ? occurrence : null;

    public static RenameResult Rename(ProjectSnapshot snapshot, string path, int offset, string newName)
    {
        if (Prepare(snapshot, path, offset) is not { } occurrence) return Fail("only a block, a parameter, a value, an input or a label can be renamed here");
        var symbol = occurrence.Symbol;
        if (Problem(snapshot, symbol, newName) is { } problem) return Fail(problem);
        var edits = snapshot.Symbols.References(symbol).Select(o => new RenameEdit(o.Path, o.Range, newName)).ToList();
        return new RenameResult(edits, null);
    }

    private static RenameResult Fail(string error) => new(new List<RenameEdit>(), error);

    private static string? Problem(ProjectSnapshot snapshot, Symbol symbol, string name)
    {
        if (!IsName(name)) return $"'{name}' is not a name: use letters, digits and '_', not starting with a digit";
        if (IsKeyword(name)) return $"'{name}' is a keyword";
        var current = symbol.Kind == SymbolKind.Label ? symbol.Name.TrimEnd('*') : symbol.Name;
        if (name == current) return null;
        switch (symbol.Kind)
        {
            case SymbolKind.Block:
                if (OpCatalog.Find(name) is not null || Lowerer.MergeNames.Contains(name)) return $"'{name}' is a built-in op";
                if (snapshot.Symbols.Declaration(name) is { } other) return $"'{name}' is already declared at {System.IO.Path.GetFileName(other.Path)}";
                break;
            case SymbolKind.Parameter:
            case SymbolKind.Input:
            case SymbolKind.Value:
                if (Reserved.Contains(name) || Lowerer.MergeNames.Contains(name)) return $"'{name}' is reserved";
                if (snapshot.Symbols.DefinedIn(symbol.Path).Any(s => s.Declaration == symbol.Declaration && s.Name == name && s.Kind is SymbolKind.Parameter or SymbolKind.Input or SymbolKind.Value))
                    return $"'{symbol.Declaration}' already has a name '{name}'";
                break;
        }
        return null;
    }

    private static bool IsName(string name) =>
        name.Length > 0 && (name[0] == '_' || (name[0] < 128 && char.IsLetter(name[0]))) && name.All(c => c == '_' || (c < 128 && char.IsLetterOrDigit(c)));

    /// <summary>Whether the lexer reads <paramref name="name"/> as a keyword.</summary>
    private static bool IsKeyword(string name)
    {
        var tokens = new Lexer(new SourceText("", name), new DiagnosticBag()).Tokenize();
        return tokens[0].Kind != TokenKind.Identifier;
    }
}
