using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TextRange = NetDsl.Syntax.TextRange;

using ExpressionSyntax = Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionSyntax;
namespace NetDsl.Generator.FrontEnd;

/// <summary>
/// The characters between the quotes of a string literal, as offsets into the file: NetDsl code in a string is parsed
/// in place, so a diagnostic inside it lands on its exact column. Only literals whose file text is their value qualify:
/// regular strings without escape sequences, verbatim strings without <c>""</c>, raw strings.
/// </summary>
internal readonly record struct LiteralRegion(int Start, int End)
{
    public TextRange Range => TextRange.FromBounds(Start, End);

    /// <summary>
    /// The region of <paramref name="expression"/>, or null with the reason it is not a plain literal; null without a
    /// reason for a literal C# could not read (unterminated): C# reports it, and its contents are unknown.
    /// </summary>
    public static LiteralRegion? Of(ExpressionSyntax expression, out string? problem)
    {
        problem = null;
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return Of(literal.Token, out problem);
            case InterpolatedStringExpressionSyntax:
                problem = "an interpolated string is not supported here; write the NetDsl code as a plain string literal";
                return null;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                problem = "a concatenated string is not supported here; write the NetDsl code as one string literal (a raw \"\"\" literal may span lines)";
                return null;
            default:
                problem = "NetDsl code must be a string literal written here, not a constant or an expression: positions in it are reported as positions in this file";
                return null;
        }
    }

    private static LiteralRegion? Of(SyntaxToken token, out string? problem)
    {
        problem = null;
        if (token.ContainsDiagnostics) return null;
        var text = token.Text;
        var start = token.SpanStart;
        var end = token.Span.End;
        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken when text.StartsWith("@", System.StringComparison.Ordinal):
                if (text.Length < 3 || text.Substring(2, text.Length - 3).Contains("\"\""))
                {
                    problem = "a verbatim string with \"\" escapes is not supported here; NetDsl code has no quotes";
                    return null;
                }
                return new LiteralRegion(start + 2, end - 1);
            case SyntaxKind.StringLiteralToken:
                if (text.Length < 2 || text.IndexOf('\\') >= 0)
                {
                    problem = "escape sequences are not supported in NetDsl code (positions in it must be positions in the file); write several lines in a raw (\"\"\"...\"\"\") or verbatim (@\"...\") string";
                    return null;
                }
                return new LiteralRegion(start + 1, end - 1);
            case SyntaxKind.SingleLineRawStringLiteralToken:
            case SyntaxKind.MultiLineRawStringLiteralToken:
            {
                var quotes = 0;
                while (quotes < text.Length && text[quotes] == '"') quotes++;
                return new LiteralRegion(start + quotes, end - quotes);
            }
            default:
                problem = "this kind of string literal is not supported here; use a regular, verbatim or raw string literal";
                return null;
        }
    }
}
