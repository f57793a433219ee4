using System.Collections.Generic;
using System.Linq;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Syntax;
using DslSourceText = NetDsl.Syntax.SourceText;

namespace NetDsl.Generator.FrontEnd;

/// <summary>
/// Parses NetDsl code written in a C# string literal with the <c>.net</c> <see cref="Parser"/>, in place: the parser
/// reads a text of the file's length in which every character before the literal's contents is blank, so every range
/// it returns, and every diagnostic, is an offset into the C# file. A wrapper (<c>block Layers{ ... }</c>) written
/// over the blank start of that text makes the contents the body of a block.
/// </summary>
internal static class EmbeddedCode
{
    private const string Wrapper = "block Layers{";
    private const string ShortWrapper = "block L{";

    /// <summary>The statements of the literal's contents, or null (with diagnostics) when it cannot be parsed.</summary>
    public static EquatableArray<StatementSyntax>? ParseStatements(ReaderContext context, LiteralRegion region)
    {
        var wrapper = region.Start >= Wrapper.Length ? Wrapper : region.Start >= ShortWrapper.Length ? ShortWrapper : null;
        if (wrapper is null) return null; // A literal always follows at least '[Layers("'; nothing to parse otherwise.
        var text = new char[region.End + 2];
        for (var i = 0; i < region.Start; i++) text[i] = ' ';
        wrapper.CopyTo(0, text, 0, wrapper.Length);
        context.FileText.CopyTo(region.Start, text, region.Start, region.End - region.Start);
        text[region.End] = '\n';
        text[region.End + 1] = '}';

        var bag = new DiagnosticBag();
        var file = Parser.Parse(new DslSourceText(context.Path, new string(text)), bag);
        foreach (var diagnostic in bag.Items)
        {
            var start = System.Math.Max(region.Start, System.Math.Min(diagnostic.Span.Start, region.End));
            var end = System.Math.Max(start, System.Math.Min(diagnostic.Span.End, region.End));
            var message = Reword(diagnostic.Message);
            if (diagnostic.Span.Start >= region.End)
                message = message.Replace("found '}'", "found the end of the string").Replace("found the end of the line", "found the end of the string");
            context.Diagnostics.Add(diagnostic with { Span = context.Span(TextRange.FromBounds(start, end)), Message = message });
        }
        context.Kept.Add(region.Range);
        return file.Declarations.FirstOrDefault() is BlockSyntax block ? block.Body.Statements : EquatableArray<StatementSyntax>.Empty;
    }

    /// <summary>The one expression of the literal's contents, or null (with diagnostics).</summary>
    public static ExpressionSyntax? ParseExpression(ReaderContext context, LiteralRegion region, string what)
    {
        var errors = context.Diagnostics.Count(d => d.Severity == DslSeverity.Error);
        var statements = ParseStatements(context, region);
        if (statements is null) return null;
        if (statements.Value.Count == 1 && statements.Value[0] is ExpressionStatementSyntax { Expression: var expression }) return expression;
        if (context.Diagnostics.Count(d => d.Severity == DslSeverity.Error) == errors)
        {
            context.Report(DiagnosticCatalog.SyntaxError, region.Range, statements.Value.Count == 0
                ? $"expected {what}, found an empty string"
                : $"expected {what} in this string, found {(statements.Value[0] is BindingSyntax ? "a named value" : "several statements")}");
        }
        return null;
    }

    /// <summary>The parser speaks of the wrapper; say what the user wrote instead.</summary>
    private static string Reword(string message)
    {
        if (message.StartsWith("expected 'network' or 'block' at the top level", System.StringComparison.Ordinal))
            return "unexpected text after a '}' that closes nothing: braces in NetDsl code must pair up";
        return message.Replace("block 'Layers'", "the string").Replace("block 'L'", "the string").Replace("the end of the file", "the end of the string");
    }
}
