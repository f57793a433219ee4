using System.Collections.Generic;
using System.Linq;
using System.Text;
using NetDsl.Diagnostics;
using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>
/// Formats a <c>.net</c> file to the canonical layout of docs/editor.md, keeping every token, comment and line
/// break: it only changes spaces, indentation and blank lines, so the file means what it meant (tests check that the
/// tokens are the same) and formatting twice changes nothing. A file with characters the lexer rejects is left alone.
/// </summary>
public sealed class DslFormatter
{
    public const int IndentSize = 2;

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _line = new();
    private readonly List<Opener> _open = new();
    private readonly string _newLine;
    private int _lineNumber;
    private int _lineIndent;
    private bool _lineHasCode;
    private Statement _statement = new(0, 0, 0, 0, new List<(int Original, int Formatted)>());
    private int _pendingBlankLines;
    private Token? _previous;
    private bool _previousIsUnary;
    private bool _lastLineContinues;

    /// <summary>A bracket still open: where content after it aligns, and what the statement around it was.</summary>
    private sealed class Opener
    {
        public Opener(TokenKind kind, int column, int lineIndent, int line, Statement statement)
        {
            Kind = kind;
            Column = column;
            LineIndent = lineIndent;
            Line = line;
            Statement = statement;
        }

        public TokenKind Kind { get; }

        public int Column { get; }

        public int LineIndent { get; }

        public int Line { get; }

        public Statement Statement { get; }

        public bool ContentFollows { get; set; }
    }

    /// <summary>
    /// The statement being written: its indentation before and after formatting, where it started, and the columns of
    /// its tokens so far (before and after), which its continuation lines may be aligned with.
    /// </summary>
    private readonly record struct Statement(int Indent, int OriginalIndent, int Line, int Depth, List<(int Original, int Formatted)> Anchors);

    private DslFormatter(string text, List<Token> tokens)
    {
        _text = text;
        _tokens = tokens;
        _newLine = text.Contains("\r\n") ? "\r\n" : "\n";
    }

    /// <summary>The formatted text, or null when the lexer rejects a character of <paramref name="text"/> (nothing is safe to move then).</summary>
    public static string? Format(string text)
    {
        var diagnostics = new DiagnosticBag();
        var tokens = new Lexer(new SourceText("", text), diagnostics).Tokenize()
            .Where(t => t.Kind is not (TokenKind.NewLine or TokenKind.EndOfFile)).ToList();
        if (diagnostics.Items.Count > 0) return null;
        return new DslFormatter(text, tokens).Run();
    }

    private string Run()
    {
        var end = 0;
        for (var i = 0; i < _tokens.Count; i++)
        {
            var token = _tokens[i];
            var trivia = Trivia.Read(_text, end, token.Start);
            var hadSpace = token.Start > end;
            if (trivia.Count == 0) Append(token, i, hadSpace);
            else
            {
                Gap(trivia, closing: IsCloser(token.Kind));
                if (_lineHasCode) Append(token, i, hadSpace); // a comment that ended no line: impossible, kept for safety
                else StartLine(token, i);
            }
            end = token.End;
        }
        Gap(Trivia.Read(_text, end, _text.Length), closing: true);
        EndLine();
        var result = _output.ToString();
        while (result.EndsWith(_newLine + _newLine, System.StringComparison.Ordinal)) result = result.Substring(0, result.Length - _newLine.Length);
        return result.Trim().Length == 0 ? "" : result;
    }

    /// <summary>Comments and line breaks between two tokens: a trailing comment, then whole-line comments and at most one blank line.</summary>
    private void Gap(List<TriviaItem> trivia, bool closing)
    {
        var newLines = 0;
        foreach (var item in trivia)
        {
            switch (item.Kind)
            {
                case TriviaKind.Comment when _lineHasCode && newLines == 0:
                    var column = System.Math.Max(_line.Length + 1, item.Column);
                    _line.Append(' ', column - _line.Length).Append(item.Text);
                    break;
                case TriviaKind.Comment:
                    EndLine();
                    BlankLines(newLines);
                    newLines = 0;
                    _line.Append(' ', Indent(TokenKind.Bad, item.Column, statementStarts: false)).Append(item.Text);
                    _lineHasCode = false;
                    _lineNumber++;
                    FlushCommentLine();
                    break;
                case TriviaKind.Continuation:
                    _line.Append(_line.Length > 0 ? " \\" : "\\");
                    _lastLineContinues = true;
                    EndLine();
                    newLines = 1;
                    break;
                case TriviaKind.NewLine:
                    if (_lineHasCode) EndLine();
                    newLines++;
                    break;
            }
        }
        if (!_lineHasCode && !closing && (_previous is null || _previous.Value.Kind != TokenKind.OpenBrace)) BlankLines(newLines);
    }

    private void BlankLines(int newLines)
    {
        if (newLines >= 2 && _output.Length > 0) _pendingBlankLines = 1;
    }

    private void FlushCommentLine()
    {
        WritePendingBlankLines();
        _output.Append(_line.ToString().TrimEnd()).Append(_newLine);
        _line.Clear();
    }

    private void EndLine()
    {
        if (!_lineHasCode) return;
        WritePendingBlankLines();
        _output.Append(_line.ToString().TrimEnd()).Append(_newLine);
        _line.Clear();
        _lineHasCode = false;
    }

    private void WritePendingBlankLines()
    {
        if (_pendingBlankLines > 0 && _output.Length > 0) _output.Append(_newLine);
        _pendingBlankLines = 0;
    }

    private void StartLine(Token token, int index)
    {
        if (IsCloser(token.Kind)) _pendingBlankLines = 0;
        var indent = Indent(token.Kind, OriginalColumn(token.Start), statementStarts: true);
        _lastLineContinues = false;
        _lineNumber++;
        _lineIndent = indent;
        _line.Append(' ', indent);
        _lineHasCode = true;
        Write(token, index);
    }

    /// <summary>
    /// The indentation of a line that starts with <paramref name="kind"/> (a comment: <see cref="TokenKind.Bad"/>) written
    /// at <paramref name="column"/>. A statement is indented by the braces around it; a closing bracket as the line that
    /// holds its opener; a continuation line (inside brackets, after an operator or '\', or starting with '|>') stays
    /// under the token of its statement it was written under, else keeps its indentation relative to the statement,
    /// at least two more than the statement's.
    /// </summary>
    private int Indent(TokenKind kind, int column, bool statementStarts)
    {
        var top = _open.Count > 0 ? _open[_open.Count - 1] : null;
        if (IsCloser(kind) && Matching(kind) is { } matching) return matching.LineIndent;
        var continues = (top is not null && top.Kind != TokenKind.OpenBrace) || _lastLineContinues || kind == TokenKind.Pipe ||
            (_previous is { } previous && _lineNumber > 0 && previous.Kind is TokenKind.Pipe or TokenKind.Plus or TokenKind.Minus or TokenKind.Star or TokenKind.Slash or TokenKind.Percent or TokenKind.Equals or TokenKind.Comma);
        if (!continues || _previous is null)
        {
            var indent = top is null ? 0 : top.LineIndent + IndentSize;
            if (statementStarts) _statement = new Statement(indent, column, _lineNumber + 1, _open.Count, new List<(int, int)>());
            return indent;
        }
        var least = _statement.Indent + IndentSize;
        for (var i = _statement.Anchors.Count - 1; i >= 0; i--)
        {
            if (_statement.Anchors[i].Original == column) return System.Math.Max(least, _statement.Anchors[i].Formatted);
        }
        return System.Math.Max(least, column - _statement.OriginalIndent + _statement.Indent);
    }

    private void Append(Token token, int index, bool hadSpace)
    {
        if (!_lineHasCode)
        {
            StartLine(token, index);
            return;
        }
        if (Space(_previous!.Value, token, index, hadSpace)) _line.Append(' ');
        foreach (var opener in _open)
        {
            if (opener.Line == _lineNumber) opener.ContentFollows = true;
        }
        Write(token, index);
    }

    private void Write(Token token, int index)
    {
        _statement.Anchors.Add((OriginalColumn(token.Start), _line.Length));
        _previousIsUnary = token.Kind == TokenKind.Minus && IsUnaryPosition(_previous);
        _line.Append(_text, token.Start, token.Length);
        switch (token.Kind)
        {
            case TokenKind.OpenParen:
            case TokenKind.OpenBracket:
            case TokenKind.OpenBrace:
                _open.Add(new Opener(token.Kind, _line.Length, _lineIndent, _lineNumber, _statement));
                break;
            case TokenKind.CloseParen:
            case TokenKind.CloseBracket:
            case TokenKind.CloseBrace:
                if (Matching(token.Kind) is { } opener)
                {
                    _open.RemoveRange(_open.IndexOf(opener), _open.Count - _open.IndexOf(opener));
                    if (token.Kind == TokenKind.CloseBrace) _statement = opener.Statement;
                }
                break;
        }
        _previous = token;
        _ = index;
    }

    /// <summary>The open bracket a closer closes: a '}' closes its '{' and whatever is open inside it, as the lexer reads it.</summary>
    private Opener? Matching(TokenKind closer)
    {
        var opener = closer switch
        {
            TokenKind.CloseParen => TokenKind.OpenParen,
            TokenKind.CloseBracket => TokenKind.OpenBracket,
            _ => TokenKind.OpenBrace,
        };
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            if (_open[i].Kind == opener) return _open[i];
            if (closer != TokenKind.CloseBrace && _open[i].Kind == TokenKind.OpenBrace) return null;
        }
        return null;
    }

    private int OriginalColumn(int offset)
    {
        var column = 0;
        while (offset - column > 0 && _text[offset - column - 1] != '\n' && _text[offset - column - 1] != '\r') column++;
        return column;
    }

    private static bool IsCloser(TokenKind kind) => kind is TokenKind.CloseParen or TokenKind.CloseBracket or TokenKind.CloseBrace;

    private bool InBrackets => _open.Count > 0 && _open[_open.Count - 1].Kind == TokenKind.OpenBracket;

    /// <summary>Whether one space separates two tokens on a line (see docs/editor.md, "Formatting").</summary>
    private bool Space(Token previous, Token token, int index, bool hadSpace)
    {
        var a = previous.Kind;
        var b = token.Kind;
        if (a is TokenKind.OpenParen or TokenKind.OpenBracket) return false;
        if (b is TokenKind.CloseParen or TokenKind.CloseBracket or TokenKind.Comma) return false;
        if (a == TokenKind.Comma) return true;
        if (b == TokenKind.Colon) return InBrackets && hadSpace;
        if (a == TokenKind.Colon) return !InBrackets || hadSpace;
        // 'name*:' labels copies: the star stays where it was written ('denselayer*:', '|> *: Res(32) * 2').
        if (b == TokenKind.Star && index + 1 < _tokens.Count && _tokens[index + 1].Kind == TokenKind.Colon) return hadSpace;
        if (b is TokenKind.OpenParen or TokenKind.OpenBracket) return hadSpace; // 'conv(' is a call, 'concat (a, b)' is not
        if (a == TokenKind.Dot || b == TokenKind.Dot) return hadSpace;
        if (a == TokenKind.Minus && _previousIsUnary) return false;
        if (a is TokenKind.OpenBrace or TokenKind.CloseBrace || b is TokenKind.OpenBrace or TokenKind.CloseBrace) return true;
        if (IsOperator(a) || IsOperator(b)) return true;
        if (IsWord(a) && IsWord(b)) return true;
        return hadSpace;
    }

    private static bool IsUnaryPosition(Token? previous) =>
        previous is null || IsOperator(previous.Value.Kind) || previous.Value.Kind is TokenKind.OpenParen or TokenKind.OpenBracket or TokenKind.Comma or TokenKind.Colon or TokenKind.OpenBrace;

    private static bool IsOperator(TokenKind kind) => kind is TokenKind.Pipe or TokenKind.Equals or TokenKind.Plus or TokenKind.Minus or TokenKind.Star
        or TokenKind.Slash or TokenKind.Percent or TokenKind.EqualsEquals or TokenKind.NotEquals or TokenKind.Less or TokenKind.LessEquals
        or TokenKind.Greater or TokenKind.GreaterEquals or TokenKind.And or TokenKind.Or or TokenKind.Not or TokenKind.If or TokenKind.Else;

    private static bool IsWord(TokenKind kind) => kind is TokenKind.Identifier or TokenKind.Integer or TokenKind.Float or TokenKind.Network or TokenKind.Block
        or TokenKind.Input or TokenKind.Parallel or TokenKind.True or TokenKind.False or TokenKind.CloseParen or TokenKind.CloseBracket;
}
