using System.Collections.Generic;
using System.Globalization;
using NetDsl.Diagnostics;

namespace NetDsl.Syntax;

/// <summary>
/// Splits a <c>.net</c> file into tokens. Newlines end statements, except inside parentheses and brackets;
/// <c>#</c> starts a comment that runs to the end of the line. Never throws: bad characters become diagnostics.
/// </summary>
public sealed class Lexer
{
    /// <summary>The keywords: a bare label or name cannot be one (a quoted label can). docs/language.md lists them.</summary>
    public static IEnumerable<string> KeywordNames => Keywords.Keys;

    public static bool IsKeyword(string name) => Keywords.ContainsKey(name);

    private static readonly Dictionary<string, TokenKind> Keywords = new()
    {
        ["network"] = TokenKind.Network,
        ["block"] = TokenKind.Block,
        ["input"] = TokenKind.Input,
        ["if"] = TokenKind.If,
        ["else"] = TokenKind.Else,
        ["parallel"] = TokenKind.Parallel,
        ["true"] = TokenKind.True,
        ["false"] = TokenKind.False,
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["not"] = TokenKind.Not,
        ["for"] = TokenKind.For,
    };

    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private readonly string _text;
    /// <summary>Where lexing stops: the end of the file, or of the part of it being read (an expression in a template label).</summary>
    private readonly int _end;
    private int _position;

    public Lexer(SourceText source, DiagnosticBag diagnostics)
        : this(source, diagnostics, new TextRange(0, source.Text.Length))
    {
    }

    /// <summary>Reads only <paramref name="range"/> of the file; tokens keep their offsets in the file.</summary>
    public Lexer(SourceText source, DiagnosticBag diagnostics, TextRange range)
    {
        _source = source;
        _diagnostics = diagnostics;
        _text = source.Text;
        _position = range.Start;
        _end = range.End;
    }

    public List<Token> Tokenize()
    {
        var tokens = new List<Token>();
        var depth = 0;
        while (true)
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.OpenParen:
                case TokenKind.OpenBracket:
                    depth++;
                    break;
                case TokenKind.CloseParen:
                case TokenKind.CloseBracket:
                    if (depth > 0) depth--;
                    break;
                case TokenKind.OpenBrace:
                case TokenKind.CloseBrace:
                    // A brace opens a statement list: newlines count again inside it.
                    depth = 0;
                    break;
                case TokenKind.NewLine:
                    if (depth > 0 || tokens.Count == 0 || tokens[tokens.Count - 1].Kind == TokenKind.NewLine) continue;
                    break;
            }
            tokens.Add(token);
            if (token.Kind == TokenKind.EndOfFile) return tokens;
        }
    }

    private Token Next()
    {
        SkipSpacesAndComments();
        if (_position >= _end) return new Token(TokenKind.EndOfFile, "", _end, 0);
        var start = _position;
        var c = _text[_position];
        if (c == '\n' || c == '\r')
        {
            _position++;
            if (c == '\r' && _position < _end && _text[_position] == '\n') _position++;
            return new Token(TokenKind.NewLine, "", start, _position - start);
        }
        if (IsIdentifierStart(c) || (IsOtherLetter(c) && _position + 1 < _end && IsIdentifierPart(_text[_position + 1]))) return Identifier(start);
        if (char.IsDigit(c) || (c == '.' && _position + 1 < _end && char.IsDigit(_text[_position + 1]))) return Number(start);
        if (c == '"') return QuotedLabel(start);
        _position++;
        var next = _position < _end ? _text[_position] : '\0';
        switch (c)
        {
            case '(': return Make(TokenKind.OpenParen, start);
            case ')': return Make(TokenKind.CloseParen, start);
            case '[': return Make(TokenKind.OpenBracket, start);
            case ']': return Make(TokenKind.CloseBracket, start);
            case '{': return Make(TokenKind.OpenBrace, start);
            case '}': return Make(TokenKind.CloseBrace, start);
            case ',': return Make(TokenKind.Comma, start);
            case ':': return Make(TokenKind.Colon, start);
            case '.': return Make(TokenKind.Dot, start);
            case '+': return Make(TokenKind.Plus, start);
            case '-': return Make(TokenKind.Minus, start);
            case '*': return Make(TokenKind.Star, start);
            case '/': return Make(TokenKind.Slash, start);
            case '%': return Make(TokenKind.Percent, start);
            case '|' when next == '>': _position++; return Make(TokenKind.Pipe, start);
            case '=' when next == '=': _position++; return Make(TokenKind.EqualsEquals, start);
            case '=': return Make(TokenKind.Equals, start);
            case '!' when next == '=': _position++; return Make(TokenKind.NotEquals, start);
            case '<' when next == '=': _position++; return Make(TokenKind.LessEquals, start);
            case '<': return Make(TokenKind.Less, start);
            case '>' when next == '=': _position++; return Make(TokenKind.GreaterEquals, start);
            case '>': return Make(TokenKind.Greater, start);
        }
        // One diagnostic for a run of bad characters, not one per character.
        while (_position < _end && !IsKnownStart(_text[_position])) _position++;
        var bad = _text.Substring(start, _position - start);
        _diagnostics.Report(DiagnosticCatalog.UnexpectedCharacter, _source.Span(new TextRange(start, bad.Length)),
            $"unexpected character{(bad.Length > 1 ? "s" : "")} '{Printable(bad)}'; NetDsl uses letters, digits, '_', \"quoted labels\" and the operators ( ) [ ] {{ }} , : . = |> + - * / % == != < <= > >=");
        return new Token(TokenKind.Bad, bad, start, bad.Length);
    }

    private void SkipSpacesAndComments()
    {
        while (_position < _end)
        {
            var c = _text[_position];
            if (c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\uFEFF') _position++;
            else if (c == '#')
            {
                while (_position < _end && _text[_position] != '\n' && _text[_position] != '\r') _position++;
            }
            else if (c == '\\' && _position + 1 < _end && (_text[_position + 1] == '\n' || _text[_position + 1] == '\r'))
            {
                // An explicit line continuation.
                _position += 2;
                if (_text[_position - 1] == '\r' && _position < _end && _text[_position] == '\n') _position++;
            }
            else return;
        }
    }

    private Token Identifier(int start)
    {
        while (_position < _end && (IsIdentifierPart(_text[_position]) || IsOtherLetter(_text[_position]))) _position++;
        if (_position - start > Labels.MaxLength)
        {
            _diagnostics.Report(DiagnosticCatalog.NameTooLong, _source.Span(new TextRange(start, _position - start)),
                $"this name has {_position - start:N0} characters; a name or label has at most {Labels.MaxLength}");
            // Still a name, so the line parses on without more errors; shortened, so no message repeats a megabyte of it.
            return new Token(TokenKind.Identifier, _text.Substring(start, Labels.MaxLength) + "…", start, _position - start);
        }
        var text = _text.Substring(start, _position - start);
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsOtherLetter(text[i])) continue;
            _diagnostics.Report(DiagnosticCatalog.UnexpectedCharacter, _source.Span(new TextRange(start + i, char.IsSurrogatePair(text, i) ? 2 : 1)),
                $"unexpected character '{Printable(text.Substring(i, char.IsSurrogatePair(text, i) ? 2 : 1))}' in the name '{Printable(text)}'; names use ASCII letters, digits and '_' (a label may be any text in quotes: \"{Printable(text)}\": ...)");
            return new Token(TokenKind.Bad, text, start, text.Length);
        }
        return new Token(Keywords.TryGetValue(text, out var keyword) ? keyword : TokenKind.Identifier, text, start, text.Length);
    }

    private Token Number(int start)
    {
        var isFloat = false;
        while (_position < _end && (char.IsDigit(_text[_position]) || _text[_position] == '_')) _position++;
        if (_position + 1 < _end && _text[_position] == '.' && char.IsDigit(_text[_position + 1]))
        {
            isFloat = true;
            _position++;
            while (_position < _end && (char.IsDigit(_text[_position]) || _text[_position] == '_')) _position++;
        }
        else if (_position < _end && _text[_position] == '.' && start < _position && !(_position + 1 < _end && IsIdentifierStart(_text[_position + 1])))
        {
            isFloat = true; // "1." is a float; "x.channels" never reaches here.
            _position++;
        }
        if (_position < _end && (_text[_position] == 'e' || _text[_position] == 'E'))
        {
            var save = _position;
            _position++;
            if (_position < _end && (_text[_position] == '+' || _text[_position] == '-')) _position++;
            if (_position < _end && char.IsDigit(_text[_position]))
            {
                isFloat = true;
                while (_position < _end && char.IsDigit(_text[_position])) _position++;
            }
            else _position = save;
        }
        var text = _text.Substring(start, _position - start);
        var digits = text.Replace("_", "");
        if (isFloat)
        {
            if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsInfinity(value))
            {
                _diagnostics.Report(DiagnosticCatalog.NumberOutOfRange, _source.Span(new TextRange(start, text.Length)),
                    $"the number '{text}' is outside the range of a 64-bit float");
                return new Token(TokenKind.Bad, text, start, text.Length); // already reported: nothing downstream repeats it
            }
            return new Token(TokenKind.Float, digits, start, text.Length);
        }
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            _diagnostics.Report(DiagnosticCatalog.NumberOutOfRange, _source.Span(new TextRange(start, text.Length)),
                $"the integer '{text}' does not fit in 64 bits (largest: {long.MaxValue})");
            return new Token(TokenKind.Bad, text, start, text.Length);
        }
        return new Token(TokenKind.Integer, digits, start, text.Length);
    }

    /// <summary>
    /// <c>"..."</c> on one line; <c>\"</c> and <c>\\</c> are its only escapes. The parser reads what is inside (a
    /// template's <c>{expressions}</c> included); an unterminated one is reported here.
    /// </summary>
    private Token QuotedLabel(int start)
    {
        _position++;
        while (_position < _end && _text[_position] is not ('"' or '\n' or '\r'))
        {
            if (_text[_position] == '\\' && _position + 1 < _end && _text[_position + 1] is '"' or '\\') _position++;
            _position++;
        }
        if (_position < _end && _text[_position] == '"')
        {
            _position++;
            return new Token(TokenKind.String, _text.Substring(start, _position - start), start, _position - start);
        }
        _diagnostics.Report(DiagnosticCatalog.SyntaxError, _source.Span(new TextRange(start, _position - start)),
            "this quoted label has no closing '\"'; a label is written on one line: \"block1-0\": ...");
        return new Token(TokenKind.Bad, "", start, _position - start);
    }

    private Token Make(TokenKind kind, int start) => new(kind, _text.Substring(start, _position - start), start, _position - start);

    private static bool IsIdentifierStart(char c) => c == '_' || (c < 128 && char.IsLetter(c));

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || (c < 128 && char.IsDigit(c));

    /// <summary>A non-ASCII letter: scanned as part of a name, so 'rélu' is one error, not three tokens.</summary>
    private static bool IsOtherLetter(char c) => c >= 128 && (char.IsLetter(c) || char.IsSurrogate(c));

    private static bool IsKnownStart(char c) =>
        IsIdentifierPart(c) || char.IsWhiteSpace(c) || "()[]{},:.+-*/%|=!<>#\\\"".IndexOf(c) >= 0;

    private static string Printable(string text)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in text.Length > 20 ? text.Substring(0, 20) : text)
        {
            if (c < 32 || c == '\uFFFD' || char.IsSurrogate(c)) builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        if (text.Length > 20) builder.Append('…');
        return builder.ToString();
    }
}
