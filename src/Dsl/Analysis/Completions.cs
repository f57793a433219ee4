using System.Collections.Generic;
using System.Linq;
using NetDsl.Catalog;
using NetDsl.Catalog.Ops;
using NetDsl.Diagnostics;
using NetDsl.Semantics;
using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>
/// Completions at a position, read from the tokens before it (so a line being typed, which does not parse, still
/// completes): after <c>value.</c> the sizes of a tensor; at an argument of an op or block call its named arguments
/// not given yet, with the values in scope; at the top level <c>network</c> and <c>block</c>; elsewhere in a body the
/// ops (catalog signature and documentation), blocks, merges, keywords and the parameters and values in scope.
/// </summary>
public static class Completions
{
    private static readonly string[] BodyKeywords = { "input", "parallel", "if", "else", "and", "or", "not", "true", "false" };

    public static IReadOnlyList<CompletionEntry> At(ProjectSnapshot snapshot, string path, string text, int offset)
    {
        offset = System.Math.Max(0, System.Math.Min(offset, text.Length));
        var tokens = new Lexer(new SourceText(path, text), new DiagnosticBag()).Tokenize();
        var typed = TypedName(text, offset);
        var before = tokens.Where(t => t.End <= typed.Start && t.Kind is not (TokenKind.NewLine or TokenKind.EndOfFile)).ToList();
        var previous = before.Count > 0 ? before[before.Count - 1] : default;

        if (before.Count > 0 && previous.Kind == TokenKind.Dot && previous.End == typed.Start)
            return AfterDot(typed);

        // Outside braces a body exists only after 'block Name(params) =', on its lines.
        if (BraceDepth(before) == 0 && ((StartsLine(text, typed.Start) && !Continues(previous)) || !InExpressionBlock(before))) return TopLevel(typed);

        var entries = new List<CompletionEntry>();
        var call = CallContext.Enclosing(before);
        if (call is { } open && previous.Kind is TokenKind.OpenParen or TokenKind.Comma)
            entries.AddRange(NamedArguments(snapshot, open.Name, CallContext.Given(before, open.Index), typed));
        var declaration = Declaration(snapshot, path, offset);
        entries.AddRange(InScope(snapshot, path, declaration, typed.Start, typed));
        if (call is not null && previous.Kind == TokenKind.Colon)
        {
            // The value of a named argument: a number, a name in scope or a word.
            entries.AddRange(OpCatalog.Words.Concat(new[] { "true", "false" }).Select(k => new CompletionEntry(k, CompletionKind.Keyword, "", "", k, false, typed)));
            return entries;
        }
        entries.AddRange(OpCatalog.All.Concat<OpDefinition>(LearnedTensorOp.All).Select(op => Op(op, typed)));
        entries.AddRange(Blocks(snapshot, typed));
        entries.AddRange(Lowerer.MergeNames.Select(m => new CompletionEntry(m, CompletionKind.Merge, m + "(a, b, ...)", Merge(m), m + "($1)", true, typed)));
        entries.Add(new CompletionEntry(Lowerer.DeclaredLayerName, CompletionKind.Keyword, Lowerer.DeclaredLayerSignature, Lowerer.DeclaredLayerDocumentation, Lowerer.DeclaredLayerName + "($1)", true, typed));
        entries.AddRange(BodyKeywords.Select(k => new CompletionEntry(k, CompletionKind.Keyword, "", "", k, false, typed)));
        return entries;
    }

    /// <summary>The part of a name before the caret, which the completion replaces.</summary>
    private static TextRange TypedName(string text, int offset)
    {
        var start = offset;
        while (start > 0 && (text[start - 1] == '_' || (text[start - 1] < 128 && char.IsLetterOrDigit(text[start - 1])))) start--;
        return TextRange.FromBounds(start, offset);
    }

    private static int BraceDepth(List<Token> tokens)
    {
        var depth = 0;
        foreach (var token in tokens)
        {
            if (token.Kind == TokenKind.OpenBrace) depth++;
            else if (token.Kind == TokenKind.CloseBrace && depth > 0) depth--;
        }
        return depth;
    }

    /// <summary>Whether the caret follows <c>block Name(params) =</c> on its declaration's lines: its body is one expression, without braces.</summary>
    private static bool InExpressionBlock(List<Token> tokens)
    {
        var last = tokens.FindLastIndex(t => t.Kind is TokenKind.Network or TokenKind.Block);
        if (last < 0 || tokens[last].Kind != TokenKind.Block) return false;
        var depth = 0;
        for (var i = last + 1; i < tokens.Count; i++)
        {
            if (tokens[i].Kind is TokenKind.OpenParen or TokenKind.OpenBracket) depth++;
            else if (tokens[i].Kind is TokenKind.CloseParen or TokenKind.CloseBracket) depth--;
            else if (tokens[i].Kind == TokenKind.Equals && depth == 0) return true;
        }
        return false;
    }

    private static bool StartsLine(string text, int offset)
    {
        for (var i = offset - 1; i >= 0 && text[i] != '\n' && text[i] != '\r'; i--)
        {
            if (!char.IsWhiteSpace(text[i])) return false;
        }
        return true;
    }

    /// <summary>Whether a line break after this token continues the statement (an operator, '=', an open bracket, a comma).</summary>
    private static bool Continues(Token token) => token.Kind is TokenKind.Equals or TokenKind.Pipe or TokenKind.Plus or TokenKind.Minus or TokenKind.Star
        or TokenKind.Slash or TokenKind.Percent or TokenKind.OpenParen or TokenKind.OpenBracket or TokenKind.Comma;

    private static IEnumerable<CompletionEntry> NamedArguments(ProjectSnapshot snapshot, string callee, HashSet<string> given, TextRange typed)
    {
        if ((OpCatalog.Find(callee) ?? LearnedTensorOp.Find(callee)) is { } op)
            return op.Arguments.Where(a => !given.Contains(a.Name))
                .Select(a => new CompletionEntry(a.Name + ":", CompletionKind.Argument, Signatures.Of(op), Signatures.Argument(a), a.Name + ": ", false, typed));
        if (snapshot.Symbols.Declaration(callee) is { Kind: SymbolKind.Block } block && snapshot.Files.TryGetValue(block.Path, out var file) &&
            file.Syntax.Declarations.FirstOrDefault(d => d.NameRange == block.NameRange) is { } declaration)
            return declaration.Parameters.Where(p => !given.Contains(p.Name))
                .Select(p => new CompletionEntry(p.Name + ":", CompletionKind.Argument, Signatures.Of(declaration, file.Text), "parameter " + Signatures.Parameter(p, file.Text), p.Name + ": ", false, typed));
        return Enumerable.Empty<CompletionEntry>();
    }

    /// <summary>The network or block the caret is in: the last one that starts before it.</summary>
    private static DeclarationSyntax? Declaration(ProjectSnapshot snapshot, string path, int offset) =>
        snapshot.Files.TryGetValue(path, out var file) ? file.Syntax.Declarations.LastOrDefault(d => d.Range.Start <= offset) : null;

    private static IEnumerable<CompletionEntry> InScope(ProjectSnapshot snapshot, string path, DeclarationSyntax? declaration, int offset, TextRange typed)
    {
        if (declaration is null) return Enumerable.Empty<CompletionEntry>();
        return snapshot.Symbols.DefinedIn(path)
            .Where(s => s.Declaration == declaration.Name && s.Kind is SymbolKind.Parameter or SymbolKind.Input or SymbolKind.Value && s.NameRange.End <= offset)
            .GroupBy(s => s.Name).Select(g => g.Last())
            .Select(s => new CompletionEntry(s.Name, s.Kind == SymbolKind.Parameter ? CompletionKind.Parameter : CompletionKind.Value,
                s.Kind.ToString().ToLowerInvariant() + " of " + declaration.Name, "", s.Name, false, typed));
    }

    /// <summary>After <c>value.</c>: its sizes (<c>x.channels</c>, ..., <c>x.size(i)</c>) and the ops it takes as a method (<c>x.permute(1, 0)</c>).</summary>
    private static List<CompletionEntry> AfterDot(TextRange typed)
    {
        var entries = new List<CompletionEntry>();
        foreach (var member in Lowerer.Members)
        {
            entries.Add(member switch
            {
                "size" => new CompletionEntry("size", CompletionKind.Member, "size(axis)", "the size of any axis (negative from the last)", "size(${1:axis})", true, typed),
                "rank" => new CompletionEntry("rank", CompletionKind.Member, "int", "the number of axes of the value", "rank", false, typed),
                _ => new CompletionEntry(member, CompletionKind.Member, "int", $"the {member} of a [C, H, W] value", member, false, typed),
            });
        }
        entries.AddRange(OpCatalog.All.Where(op => (op.Forms & OpForms.Function) != 0).Select(op => Op(op, typed)));
        return entries;
    }

    private static CompletionEntry Op(OpDefinition op, TextRange typed)
    {
        var required = op.Arguments.Where(a => a.Required).Select((a, i) => $"${{{i + 1}:{a.Name}}}").ToList();
        var insert = required.Count == 0 ? op.Name : $"{op.Name}({string.Join(", ", required)})";
        return new CompletionEntry(op.Name, CompletionKind.Op, Signatures.Of(op), Signatures.Documentation(op), insert, required.Count > 0, typed);
    }

    private static IEnumerable<CompletionEntry> Blocks(ProjectSnapshot snapshot, TextRange typed)
    {
        foreach (var file in snapshot.Files.Values)
        {
            foreach (var block in file.Syntax.Declarations.OfType<BlockSyntax>())
            {
                if (block.Host is not null || snapshot.Symbols.Declaration(block.Name) is not { Kind: SymbolKind.Block } kept || kept.NameRange != block.NameRange || kept.Path != file.Path) continue;
                var required = block.Parameters.Where(p => p.Default is null).Select((p, i) => $"${{{i + 1}:{p.Name}}}").ToList();
                var insert = required.Count == 0 ? block.Name : $"{block.Name}({string.Join(", ", required)})";
                yield return new CompletionEntry(block.Name, CompletionKind.Block, Signatures.Of(block, file.Text), $"block of {System.IO.Path.GetFileName(file.Path)}", insert, required.Count > 0, typed);
            }
        }
    }

    private static string Merge(string name) => name switch
    {
        "concat" => "joins values along the channels (features for vectors)",
        "add" => "element-wise sum of values of equal shapes",
        _ => "element-wise product; a vector [C] scales the channels of a map [C, H, W]",
    };

    private static IReadOnlyList<CompletionEntry> TopLevel(TextRange typed) => new[]
    {
        new CompletionEntry("network", CompletionKind.Keyword, "network Name(params) { input [C, H, W] ... }", "a network: its input shape, then its layers",
            "network ${1:Name} {\n  input [${2:3, 32, 32}]\n  $0\n}", true, typed),
        new CompletionEntry("block", CompletionKind.Keyword, "block Name(params) = expression", "a block: layers reused by networks and other blocks",
            "block ${1:Name}(${2:f}) = $0", true, typed),
    };
}
