using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NetDsl.Catalog;
using NetDsl.Catalog.Ops;
using NetDsl.Semantics;
using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>
/// Hover text for a position: a layer, merge or group shows its output shape, parameters and child path at each call
/// (a block's lines are checked once per call, so each call is listed); a named value its shape, a number or a
/// parameter its value, per call; an op its signature and documentation; a block its signature and calls.
/// </summary>
public static class Hovers
{
    /// <summary>At most this many calls are listed; the rest are counted.</summary>
    public const int MaxCalls = 12;

    public static HoverInfo? At(ProjectSnapshot snapshot, string path, int offset)
    {
        if (!snapshot.Files.TryGetValue(path, out var file)) return null;
        var sites = snapshot.Shapes.Sites(path);
        var symbol = snapshot.Symbols.At(path, offset);
        if (symbol is { Symbol.Kind: SymbolKind.Block or SymbolKind.Network } && symbol.IsDefinition)
            return new HoverInfo(symbol.Range, Declaration(snapshot, symbol.Symbol));
        var site = Innermost(sites, offset);
        if (symbol is { Symbol.Kind: SymbolKind.Parameter or SymbolKind.Value or SymbolKind.Input })
        {
            // A name, where it is declared or used: what it is at each call.
            var defined = snapshot.Shapes.Sites(symbol.Symbol.Path).FirstOrDefault(s => s.Site.NameRange == symbol.Symbol.NameRange && s.Site.Kind != ShapedKind.Layer);
            var text = snapshot.Files.TryGetValue(symbol.Symbol.Path, out var home) ? home.Text : file.Text;
            // A declared layer's name where it is applied is that layer (name = layer(...)): its shapes at each call.
            var applied = defined.Site is null && site.Site is { Kind: ShapedKind.Layer } layer && layer.NameRange == symbol.Range;
            if (!applied) return new HoverInfo(symbol.Range, Named(symbol.Symbol, defined.Site, defined.Shapes, text));
        }
        if (site.Site is not null) return new HoverInfo(site.Site.NameRange.Length > 0 && Touches(site.Site.NameRange, offset) ? site.Site.NameRange : site.Site.Range, Site(site.Site, site.Shapes, file.Text, snapshot));
        if (symbol is not null) return new HoverInfo(symbol.Range, Named(symbol.Symbol, null, null, file.Text));
        return Op(file.Text, offset);
    }

    /// <summary>The site a position is in: one whose hover token it touches, else the smallest that contains it.</summary>
    private static (ShapedSite Site, IReadOnlyList<SiteShape> Shapes) Innermost(IReadOnlyList<(ShapedSite Site, IReadOnlyList<SiteShape> Shapes)> sites, int offset)
    {
        (ShapedSite Site, IReadOnlyList<SiteShape> Shapes) best = default;
        foreach (var entry in sites)
        {
            if (entry.Site.Kind == ShapedKind.Parameter) continue;
            if (Touches(entry.Site.NameRange, offset) && entry.Site.NameRange.Length > 0)
            {
                if (best.Site is null || !Touches(best.Site.NameRange, offset) || entry.Site.Range.Length < best.Site.Range.Length) best = entry;
                continue;
            }
            if (entry.Site.Range.Start <= offset && offset <= entry.Site.Range.End && (best.Site is null || (!Touches(best.Site.NameRange, offset) && entry.Site.Range.Length < best.Site.Range.Length)))
                best = entry;
        }
        return best;
    }

    private static bool Touches(TextRange range, int offset) => range.Start <= offset && offset <= range.End;

    private static string Site(ShapedSite site, IReadOnlyList<SiteShape> shapes, string text, ProjectSnapshot snapshot)
    {
        var builder = new StringBuilder();
        builder.Append("```netdsl\n").Append(OneLine(Signatures.Slice(text, site.Range))).Append("\n```\n");
        if (site.Kind == ShapedKind.Layer && OpCatalog.Find(site.Name) is { } op) builder.Append('\n').Append(op.Summary).Append('\n');
        else if (site.Kind == ShapedKind.Layer && snapshot.Symbols.Declaration(site.Name) is { Kind: SymbolKind.Block } block && snapshot.Files.TryGetValue(block.Path, out var home))
        {
            var declaration = home.Syntax.Declarations.FirstOrDefault(d => d.NameRange == block.NameRange);
            if (declaration is not null) builder.Append("\n`").Append(Signatures.Of(declaration, home.Text)).Append("`\n");
        }
        builder.Append('\n').Append(Calls(shapes, site.Kind));
        return builder.ToString();
    }

    private static string Named(Symbol symbol, ShapedSite? site, IReadOnlyList<SiteShape>? shapes, string text)
    {
        var what = symbol.Kind switch
        {
            SymbolKind.Parameter => "parameter",
            SymbolKind.Input => "input",
            SymbolKind.Label => "label",
            _ => "value",
        };
        var builder = new StringBuilder();
        builder.Append($"({what}) `{symbol.Name}`");
        if (symbol.Declaration is not null) builder.Append($" of `{symbol.Declaration}`");
        builder.Append('\n');
        if (site is not null && shapes is not null) builder.Append('\n').Append(Calls(shapes, site.Kind));
        return builder.ToString();
    }

    private static string Declaration(ProjectSnapshot snapshot, Symbol symbol)
    {
        var file = snapshot.Files[symbol.Path];
        var declaration = file.Syntax.Declarations.First(d => d.NameRange == symbol.NameRange);
        var builder = new StringBuilder($"```netdsl\n{Signatures.Of(declaration, file.Text)}\n```\n");
        if (symbol.Kind == SymbolKind.Block)
        {
            var calls = snapshot.Symbols.References(symbol).Count(o => !o.IsDefinition);
            builder.Append(calls == 0 ? "\nNot used yet: its shapes are known once a network calls it.\n" : $"\nUsed {calls} time{(calls == 1 ? "" : "s")} in the project; hover a line inside it for its shapes at each call.\n");
        }
        return builder.ToString();
    }

    /// <summary>The op or merge named at <paramref name="offset"/>, where no check gave it a shape (a block no network calls).</summary>
    private static HoverInfo? Op(string text, int offset)
    {
        var start = offset;
        while (start > 0 && IsNamePart(text[start - 1])) start--;
        var end = offset;
        while (end < text.Length && IsNamePart(text[end])) end++;
        if (end == start) return null;
        var name = text.Substring(start, end - start);
        if (name == Lowerer.DeclaredLayerName && end < text.Length && text[end] == '(')
            return new HoverInfo(new TextRange(start, end - start), $"```netdsl\n{Lowerer.DeclaredLayerSignature}\n```\n\n{Lowerer.DeclaredLayerDocumentation}\n");
        if ((OpCatalog.Find(name) ?? LearnedTensorOp.Find(name)) is not { } op) return null;
        return new HoverInfo(new TextRange(start, end - start), $"```netdsl\n{Signatures.Of(op)}\n```\n\n{Signatures.Documentation(op)}\n");
    }

    private static bool IsNamePart(char c) => c == '_' || (c < 128 && char.IsLetterOrDigit(c));

    /// <summary>The shapes of a site at each call, as one line for one call or a table for several.</summary>
    internal static string Calls(IReadOnlyList<SiteShape> shapes, ShapedKind kind)
    {
        if (shapes.Count == 0) return "No shape: no network reaches this line with its checks passing up to here.\n";
        if (shapes.Count == 1) return Describe(shapes[0], withCall: true) + "\n";
        var builder = new StringBuilder();
        var distinct = shapes.Select(s => Describe(s, withCall: false)).Distinct().Count();
        var layers = kind is ShapedKind.Layer or ShapedKind.Group;
        var ops = shapes.Any(s => s.Op is not null);
        builder.Append($"{shapes.Count} calls{(distinct == 1 ? ", all alike" : "")}:\n\n| call |{(ops ? " as |" : "")} {(kind is ShapedKind.Number or ShapedKind.Parameter ? "value" : "output")} |{(layers ? " parameters |" : "")}\n| --- |{(ops ? " --- |" : "")} --- |{(layers ? " ---: |" : "")}\n");
        foreach (var shape in shapes.Take(MaxCalls))
        {
            builder.Append($"| {shape.Call} |{(ops ? $" {Code(shape.Op)} |" : "")} {Value(shape)} |{(layers ? $" {Count(shape.Parameters)} |" : "")}\n");
        }
        if (shapes.Count > MaxCalls) builder.Append($"\n… and {shapes.Count - MaxCalls} more calls\n");
        return builder.ToString();
    }

    private static string Describe(SiteShape shape, bool withCall)
    {
        var parts = new List<string> { "**" + Value(shape) + "**" };
        if (shape.Parameters is { } parameters && parameters > 0) parts.Add(Count(parameters) + " parameters");
        if (shape.MultiplyAccumulates is { } macs && macs > 0) parts.Add(Count(macs) + " MACs");
        if (shape.Copies > 1) parts.Add($"{shape.Copies} copies");
        if (withCall) parts.Add("at `" + shape.Call + "`");
        if (shape.Op is { } op) parts.Add("as " + Code(op));
        return string.Join(" · ", parts);
    }

    /// <summary>Text as inline code in a table cell: a pipe would end the cell.</summary>
    private static string Code(string? text) => text is null ? "" : "`" + text.Replace("|", "\\|") + "`";

    /// <summary>A shape, a number, or why there is none, as hovers and inlay hints print it.</summary>
    internal static string Value(SiteShape shape) =>
        shape.Number is { } number ? "= " + number
        : shape.Absent ? "absent (condition false)"
        : shape.Output is { } output ? output.ToString()
        : "not computed";

    private static string Count(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "";

    private static string OneLine(string text)
    {
        var line = string.Join(" ", text.Split(new[] { '\n', '\r' }, System.StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return line.Length <= 100 ? line : line.Substring(0, 99) + "…";
    }
}
