using System.Collections.Generic;
using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>The call the caret is in, read from the tokens before it (a line being typed does not parse).</summary>
internal static class CallContext
{
    /// <summary>The innermost call whose parentheses are open before the caret: its name and the index of its '('.</summary>
    public static (string Name, int Index)? Enclosing(List<Token> tokens)
    {
        var depth = 0;
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            var kind = tokens[i].Kind;
            if (kind is TokenKind.CloseParen or TokenKind.CloseBracket) depth++;
            else if (kind is TokenKind.OpenParen or TokenKind.OpenBracket)
            {
                if (depth > 0)
                {
                    depth--;
                    continue;
                }
                if (kind == TokenKind.OpenParen && i > 0 && tokens[i - 1].Kind == TokenKind.Identifier && tokens[i - 1].End == tokens[i].Start)
                    return (tokens[i - 1].Text, i);
                return null;
            }
            else if (kind is TokenKind.OpenBrace or TokenKind.CloseBrace) return null;
        }
        return null;
    }

    /// <summary>The named arguments already written in the call whose '(' is at <paramref name="open"/>.</summary>
    public static HashSet<string> Given(List<Token> tokens, int open)
    {
        var given = new HashSet<string>();
        var depth = 0;
        for (var i = open + 1; i < tokens.Count; i++)
        {
            if (tokens[i].Kind is TokenKind.OpenParen or TokenKind.OpenBracket) depth++;
            else if (tokens[i].Kind is TokenKind.CloseParen or TokenKind.CloseBracket) depth--;
            else if (depth == 0 && tokens[i].Kind == TokenKind.Colon && tokens[i - 1].Kind == TokenKind.Identifier) given.Add(tokens[i - 1].Text);
        }
        return given;
    }

    /// <summary>Which argument the caret is at: the named one being written, else the position after the commas so far.</summary>
    public static (int Position, string? Name) Argument(List<Token> tokens, int open)
    {
        var depth = 0;
        var position = 0;
        string? name = null;
        for (var i = open + 1; i < tokens.Count; i++)
        {
            if (tokens[i].Kind is TokenKind.OpenParen or TokenKind.OpenBracket or TokenKind.OpenBrace) depth++;
            else if (tokens[i].Kind is TokenKind.CloseParen or TokenKind.CloseBracket or TokenKind.CloseBrace) depth--;
            else if (depth == 0 && tokens[i].Kind == TokenKind.Comma)
            {
                position++;
                name = null;
            }
            else if (depth == 0 && tokens[i].Kind == TokenKind.Colon && tokens[i - 1].Kind == TokenKind.Identifier) name = tokens[i - 1].Text;
        }
        return (position, name);
    }
}
