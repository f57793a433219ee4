using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Collections;
using NetDsl.Diagnostics;

namespace NetDsl.Syntax;

/// <summary>
/// Recursive-descent parser for <c>.net</c> files. Reports syntax errors as diagnostics and recovers at the
/// next statement, so one typo yields one error and the rest of the file is still checked.
/// </summary>
public sealed class Parser
{
    public const int MaxDepth = 128;

    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;
    private int _quietUntil = -1;
    private int _lastError = -1;
    private bool _tooDeepReported;

    private Parser(SourceText source, DiagnosticBag diagnostics)
        : this(source, diagnostics, new Lexer(source, diagnostics).Tokenize())
    {
    }

    private Parser(SourceText source, DiagnosticBag diagnostics, List<Token> tokens)
    {
        _source = source;
        _diagnostics = diagnostics;
        _tokens = tokens;
    }

    public static FileSyntax Parse(SourceText source, DiagnosticBag diagnostics) => new Parser(source, diagnostics).ParseFile();

    private Token Current => _tokens[_index];

    private Token Peek(int offset) => _tokens[System.Math.Min(_index + offset, _tokens.Count - 1)];

    private Token Advance()
    {
        var token = Current;
        if (_index < _tokens.Count - 1) _index++;
        return token;
    }

    private bool At(TokenKind kind) => Current.Kind == kind;

    private FileSyntax ParseFile()
    {
        var declarations = new List<DeclarationSyntax>();
        while (!At(TokenKind.EndOfFile))
        {
            if (At(TokenKind.NewLine)) { Advance(); continue; }
            if (At(TokenKind.Network) || At(TokenKind.Block))
            {
                var start = _index;
                var declaration = ParseDeclaration();
                if (declaration is not null) declarations.Add(declaration);
                if (_index == start) Advance();
                continue;
            }
            Error(Current, $"expected 'network' or 'block' at the top level, found {Describe(Current)}");
            SkipToTopLevel();
        }
        return new FileSyntax(_source.Path, declarations.ToEquatableArray());
    }

    private void SkipToTopLevel()
    {
        var braces = 0;
        while (!At(TokenKind.EndOfFile))
        {
            if (At(TokenKind.OpenBrace)) braces++;
            if (At(TokenKind.CloseBrace)) braces--;
            if (braces <= 0 && (At(TokenKind.Network) || At(TokenKind.Block)) && (_index == 0 || Peek(-1).Kind == TokenKind.NewLine)) return;
            Advance();
        }
    }

    private DeclarationSyntax? ParseDeclaration()
    {
        var keyword = Advance();
        var isNetwork = keyword.Kind == TokenKind.Network;
        if (!At(TokenKind.Identifier))
        {
            Error(Current, $"expected a name after '{keyword.Text}', found {Describe(Current)}");
            SkipToTopLevel();
            return null;
        }
        var name = Advance();
        var parameters = At(TokenKind.OpenParen) ? ParseParameters() : new List<ParameterSyntax>();
        var nameRange = new TextRange(name.Start, name.Length);

        if (!isNetwork && At(TokenKind.Equals))
        {
            Advance();
            if (NextAfterNewLines().Kind is not (TokenKind.Network or TokenKind.Block or TokenKind.EndOfFile)) SkipNewLines();
            var expression = ParseExpression();
            var statement = new ExpressionStatementSyntax(expression, expression.Range);
            var body = new BodySyntax(new[] { (StatementSyntax)statement }.ToEquatableArray(), expression.Range);
            ExpectEndOfStatement();
            return new BlockSyntax(name.Text, nameRange, parameters.ToEquatableArray(), EquatableArray<InputNameSyntax>.Empty, body,
                TextRange.FromBounds(keyword.Start, expression.Range.End));
        }

        if (!At(TokenKind.OpenBrace))
        {
            Error(Current, isNetwork
                ? $"expected '{{' to start the body of network '{name.Text}', found {Describe(Current)}"
                : $"expected '=' or '{{' after block '{name.Text}', found {Describe(Current)}");
            SkipToTopLevel();
            return null;
        }
        var open = Advance();
        var inputShape = new List<ExpressionSyntax>();
        var inputRange = new TextRange(name.Start, name.Length);
        var inputs = new List<InputNameSyntax>();
        var tokenIds = false;
        SkipNewLines();
        if (isNetwork)
        {
            if (At(TokenKind.Input) && (Peek(1).Kind == TokenKind.OpenBracket || IsTokensInput()))
            {
                var inputKeyword = Advance();
                tokenIds = At(TokenKind.Identifier);
                if (tokenIds) Advance();
                var open2 = Advance();
                inputShape = ParseList(TokenKind.CloseBracket, "an input dimension");
                var close = Current;
                Expect(TokenKind.CloseBracket, "']' to close the input shape");
                inputRange = TextRange.FromBounds(inputKeyword.Start, close.End);
                _ = open2;
                ExpectEndOfStatement();
            }
            else
            {
                _diagnostics.Report(DiagnosticCatalog.MissingInputShape, _source.Span(nameRange),
                    $"network '{name.Text}' has no input shape; start its body with 'input [C, H, W]', e.g. 'input [3, 224, 224]'");
            }
        }
        else if (At(TokenKind.Input) && Peek(1).Kind == TokenKind.Identifier)
        {
            Advance();
            do
            {
                if (At(TokenKind.Comma)) Advance();
                if (!At(TokenKind.Identifier))
                {
                    Error(Current, $"expected an input name, found {Describe(Current)}");
                    break;
                }
                var input = Advance();
                inputs.Add(new InputNameSyntax(input.Text, new TextRange(input.Start, input.Length)));
            } while (At(TokenKind.Comma));
            ExpectEndOfStatement();
        }

        var statements = ParseStatements();
        var end = Current;
        if (!At(TokenKind.CloseBrace)) Error(Current, $"expected '}}' to close {(isNetwork ? "network" : "block")} '{name.Text}', found {Describe(Current)}");
        else Advance();
        var bodyRange = TextRange.FromBounds(open.Start, end.End);
        var bodySyntax = new BodySyntax(statements.ToEquatableArray(), bodyRange);
        var range = TextRange.FromBounds(keyword.Start, end.End);
        return isNetwork
            ? new NetworkSyntax(name.Text, nameRange, parameters.ToEquatableArray(), inputShape.ToEquatableArray(), inputRange, bodySyntax, range) { TokenIds = tokenIds }
            : new BlockSyntax(name.Text, nameRange, parameters.ToEquatableArray(), inputs.ToEquatableArray(), bodySyntax, range);
    }

    /// <summary><c>input tokens [...]</c>: 'tokens' is a word only there.</summary>
    private bool IsTokensInput() => Peek(1).Kind == TokenKind.Identifier && Peek(1).Text == "tokens" && Peek(2).Kind == TokenKind.OpenBracket;

    private List<ParameterSyntax> ParseParameters()
    {
        Advance(); // (
        var parameters = new List<ParameterSyntax>();
        while (!At(TokenKind.CloseParen) && !At(TokenKind.EndOfFile) && !At(TokenKind.OpenBrace))
        {
            if (!At(TokenKind.Identifier))
            {
                Error(Current, $"expected a parameter name, found {Describe(Current)}");
                while (!At(TokenKind.Comma) && !At(TokenKind.CloseParen) && !At(TokenKind.EndOfFile) && !At(TokenKind.OpenBrace)) Advance();
                if (At(TokenKind.Comma)) Advance();
                continue;
            }
            var name = Advance();
            string? typeName = null;
            var typeRange = default(TextRange);
            if (At(TokenKind.Colon))
            {
                Advance();
                if (At(TokenKind.Identifier))
                {
                    var type = Advance();
                    typeName = type.Text;
                    typeRange = new TextRange(type.Start, type.Length);
                }
                else Error(Current, $"expected a type (int, float or bool) after ':', found {Describe(Current)}");
            }
            ExpressionSyntax? defaultValue = null;
            if (At(TokenKind.Equals))
            {
                Advance();
                defaultValue = ParseCondition();
            }
            parameters.Add(new ParameterSyntax(name.Text, new TextRange(name.Start, name.Length), typeName, typeRange, defaultValue));
            if (At(TokenKind.Comma)) Advance();
            else if (!At(TokenKind.CloseParen))
            {
                Error(Current, $"expected ',' or ')' in the parameter list, found {Describe(Current)}");
                while (!At(TokenKind.Comma) && !At(TokenKind.CloseParen) && !At(TokenKind.EndOfFile) && !At(TokenKind.OpenBrace)) Advance();
                if (At(TokenKind.Comma)) Advance();
            }
        }
        Expect(TokenKind.CloseParen, "')' to close the parameter list");
        return parameters;
    }

    private List<StatementSyntax> ParseStatements()
    {
        var statements = new List<StatementSyntax>();
        while (!At(TokenKind.CloseBrace) && !At(TokenKind.EndOfFile))
        {
            if (At(TokenKind.NewLine)) { Advance(); continue; }
            if ((At(TokenKind.Network) || At(TokenKind.Block)) && Peek(1).Kind == TokenKind.Identifier) return statements; // a missing '}'
            var start = _index;
            var statement = ParseStatement();
            if (statement is not null) statements.Add(statement);
            if (!ExpectEndOfStatement()) SkipStatement();
            if (_index == start) Advance();
        }
        return statements;
    }

    private StatementSyntax? ParseStatement()
    {
        if (At(TokenKind.OpenParen) && TupleBindingLength() is { } length) return ParseTupleBinding(length);
        if (IsOutputStatement()) return ParseOutputStatement();
        if (At(TokenKind.Identifier) && Peek(1).Kind == TokenKind.Equals)
        {
            var name = Advance();
            Advance();
            SkipNewLines();
            var value = ParseExpression();
            return new BindingSyntax(name.Text, new TextRange(name.Start, name.Length), value, TextRange.FromBounds(name.Start, value.Range.End));
        }
        var expression = ParseExpression();
        return new ExpressionStatementSyntax(expression, expression.Range);
    }

    /// <summary>
    /// <c>output name: ...</c>: 'output' is a word only at the start of a statement, before a name and a colon, so a value
    /// or label called <c>output</c> keeps working (<c>output = x</c>, <c>output: linear(10)</c>).
    /// </summary>
    private bool IsOutputStatement() =>
        At(TokenKind.Identifier) && Current.Text == "output" && Peek(1).Kind == TokenKind.Identifier && Peek(2).Kind == TokenKind.Colon;

    /// <summary><c>output logits: x, aux: a if training</c>; a line may break after a comma.</summary>
    private StatementSyntax ParseOutputStatement()
    {
        var keyword = Advance();
        var items = new List<OutputItemSyntax>();
        while (true)
        {
            if (!(At(TokenKind.Identifier) && Peek(1).Kind == TokenKind.Colon))
            {
                Error(Current, $"expected an output's name and ':' after {(items.Count == 0 ? "'output'" : "','")}, found {Describe(Current)}: output logits: x, aux: a if training");
                break;
            }
            var name = Advance();
            Advance(); // :
            var value = WholeOutputCondition(ParseExpression());
            items.Add(new OutputItemSyntax(name.Text, new TextRange(name.Start, name.Length), value, TextRange.FromBounds(name.Start, value.Range.End)));
            if (!At(TokenKind.Comma)) break;
            Advance();
            SkipNewLines();
        }
        var keywordRange = new TextRange(keyword.Start, keyword.Length);
        var end = items.Count > 0 ? items[items.Count - 1].Range.End : keyword.End;
        return new OutputStatementSyntax(items.ToEquatableArray(), keywordRange, TextRange.FromBounds(keyword.Start, end));
    }

    /// <summary>
    /// <c>aux: a |> softmax if training</c>: a condition on the last stage of an output is the whole output's, since an
    /// output exists always or only while training (the stage would otherwise read as an optional layer).
    /// </summary>
    private static ExpressionSyntax WholeOutputCondition(ExpressionSyntax value)
    {
        if (value is not PipelineSyntax pipeline || pipeline.Stages[pipeline.Stages.Count - 1] is not ConditionalSyntax { Else: null } last) return value;
        var stages = pipeline.Stages.Take(pipeline.Stages.Count - 1).Append(last.Value).ToList();
        var inner = new PipelineSyntax(stages.ToEquatableArray(), pipeline.Stages[0].Range.Cover(last.Value.Range));
        return new ConditionalSyntax(inner, last.Condition, null, pipeline.Range);
    }

    /// <summary>The number of tokens of <c>(a, b) =</c> when the statement starts with one, else null.</summary>
    private int? TupleBindingLength()
    {
        var i = 1;
        while (Peek(i).Kind == TokenKind.Identifier)
        {
            i++;
            if (Peek(i).Kind != TokenKind.Comma) break;
            i++;
        }
        return i > 1 && Peek(i).Kind == TokenKind.CloseParen && Peek(i + 1).Kind == TokenKind.Equals ? i + 2 : null;
    }

    /// <summary><c>(a, b) = expr</c>: names each value of an expression that gives several.</summary>
    private StatementSyntax ParseTupleBinding(int length)
    {
        var open = Current;
        var names = new List<NameSyntax>();
        for (var i = 0; i < length; i++)
        {
            var token = Advance();
            if (token.Kind == TokenKind.Identifier) names.Add(new NameSyntax(token.Text, new TextRange(token.Start, token.Length)));
        }
        SkipNewLines();
        var value = ParseExpression();
        return new TupleBindingSyntax(names.ToEquatableArray(), value, TextRange.FromBounds(open.Start, value.Range.End));
    }

    private bool ExpectEndOfStatement()
    {
        if (At(TokenKind.NewLine)) { Advance(); return true; }
        if (At(TokenKind.CloseBrace) || At(TokenKind.EndOfFile)) return true;
        Error(Current, $"expected the end of the line, found {Describe(Current)}; put each statement on its own line");
        return false;
    }

    private void SkipStatement()
    {
        var depth = 0;
        while (!At(TokenKind.EndOfFile))
        {
            if (At(TokenKind.OpenBrace)) depth++;
            else if (At(TokenKind.CloseBrace))
            {
                if (depth == 0) return;
                depth--;
            }
            else if (At(TokenKind.NewLine) && depth == 0)
            {
                Advance();
                return;
            }
            Advance();
        }
    }

    private void SkipNewLines()
    {
        while (At(TokenKind.NewLine)) Advance();
    }

    public ExpressionSyntax ParseExpression()
    {
        if (!Enter()) return Silent();
        try
        {
            var first = ParseStage();
            List<ExpressionSyntax>? stages = null;
            while (true)
            {
                // A pipeline continues on the next line when that line starts with '|>'.
                if (At(TokenKind.NewLine) && NextAfterNewLines().Kind == TokenKind.Pipe) SkipNewLines();
                if (!At(TokenKind.Pipe))
                {
                    return stages is null ? first : new PipelineSyntax(stages.ToEquatableArray(), first.Range.Cover(stages[stages.Count - 1].Range));
                }
                Advance();
                SkipNewLines();
                while (At(TokenKind.Pipe))
                {
                    Error(Current, "expected a stage between two '|>'; remove one of them");
                    Advance();
                }
                stages ??= new List<ExpressionSyntax> { first };
                stages.Add(ParseStage());
            }
        }
        finally
        {
            _depth--;
        }
    }

    private Token NextAfterNewLines()
    {
        var i = _index;
        while (i < _tokens.Count - 1 && _tokens[i].Kind == TokenKind.NewLine) i++;
        return _tokens[i];
    }

    private ExpressionSyntax ParseStage()
    {
        if (At(TokenKind.Identifier) && Peek(1).Kind == TokenKind.Colon)
        {
            var label = Advance();
            Advance();
            var value = ParseComprehension();
            return new LabeledSyntax(label.Text, new TextRange(label.Start, label.Length), value, TextRange.FromBounds(label.Start, value.Range.End));
        }
        if (At(TokenKind.Star) && Peek(1).Kind == TokenKind.Colon)
        {
            // '*: B() * n': the copies continue the scope's own index numbering.
            var star = Advance();
            Advance();
            var value = ParseComprehension();
            return new LabeledSyntax("*", new TextRange(star.Start, star.Length), value, TextRange.FromBounds(star.Start, value.Range.End));
        }
        if (At(TokenKind.Identifier) && Peek(1).Kind == TokenKind.Star && Peek(1).Start == Current.End && Peek(2).Kind == TokenKind.Colon)
        {
            var label = Advance();
            var star = Advance();
            Advance();
            var value = ParseComprehension();
            return new LabeledSyntax(label.Text + "*", TextRange.FromBounds(label.Start, star.End), value, TextRange.FromBounds(label.Start, value.Range.End));
        }
        if (At(TokenKind.String) && Peek(1).Kind == TokenKind.Colon) return ParseQuotedLabel();
        if (At(TokenKind.Bad) && Peek(1).Kind == TokenKind.Colon && Peek(1).Start == Current.End)
        {
            // A label the lexer already reported ('blöck:'): read as one, so the line parses on without more errors.
            var bad = Advance();
            Advance();
            var value = ParseComprehension();
            return new LabeledSyntax(bad.Text, new TextRange(bad.Start, bad.Length), value, TextRange.FromBounds(bad.Start, value.Range.End)) { Quoted = true };
        }
        if (UnquotedLabelEnd() is { } colon) return ParseUnquotedLabel(colon);
        return ParseComprehension();
    }

    /// <summary><c>value for i in count</c>: chained copies of a layer, each with its own index; binds looser than <c>if</c>, tighter than <c>|></c>.</summary>
    private ExpressionSyntax ParseComprehension()
    {
        var value = ParseCondition();
        if (!At(TokenKind.For)) return value;
        Advance();
        if (!At(TokenKind.Identifier))
        {
            Error(Current, $"expected the name of the copy index after 'for', found {Describe(Current)}: {Text(value.Range)} for i in depth");
            return value;
        }
        var index = Advance();
        if (!(At(TokenKind.Identifier) && Current.Text == "in"))
        {
            Error(Current, $"expected 'in' after 'for {index.Text}', found {Describe(Current)}; then the number of copies: for {index.Text} in depth");
            return value;
        }
        Advance();
        var count = ParseOr();
        return new ComprehensionSyntax(value, index.Text, new TextRange(index.Start, index.Length), count, value.Range.Cover(count.Range));
    }

    /// <summary><c>"block1-0": value</c>: the label's text, or a template with <c>{expressions}</c>.</summary>
    private ExpressionSyntax ParseQuotedLabel()
    {
        var token = Advance();
        Advance(); // :
        var range = new TextRange(token.Start, token.Length);
        var contents = new TextRange(token.Start + 1, token.Length - 2);
        var label = ParseLabel(_source, contents, escapes: true, _diagnostics);
        if (label is { } read && Labels.Problem(read.Literal, read.Template is not null) is { } problem)
        {
            _diagnostics.Report(read.Literal.Length > Labels.MaxLength ? DiagnosticCatalog.NameTooLong : DiagnosticCatalog.SyntaxError, _source.Span(contents), problem);
            label = null;
        }
        var value = ParseComprehension();
        return new LabeledSyntax(label?.Text ?? "<error>", range, value, TextRange.FromBounds(token.Start, value.Range.End)) { Quoted = true, Template = label?.Template };
    }

    /// <summary>
    /// The colon after a label written bare that needs quotes (a keyword, <c>block:</c>, or a key with a hyphen or a dot,
    /// <c>block1-0:</c>), or null. Its tokens touch each other, so arithmetic (<c>a - 1</c>) never looks like one.
    /// </summary>
    private int? UnquotedLabelEnd()
    {
        if (IsKeyword(Current.Kind) && Peek(1).Kind == TokenKind.Colon && Peek(1).Start == Current.End) return _index + 1;
        if (!At(TokenKind.Identifier)) return null;
        var i = _index + 1;
        while (i < _tokens.Count - 1 && _tokens[i].Start == _tokens[i - 1].End && _tokens[i].Kind is TokenKind.Identifier or TokenKind.Integer or TokenKind.Float or TokenKind.Minus or TokenKind.Dot) i++;
        return i > _index + 1 && _tokens[i].Kind == TokenKind.Colon ? i : null;
    }

    /// <summary>Reports a label that must be quoted, with the fix, and reads it as quoted so the rest of the line parses.</summary>
    private ExpressionSyntax ParseUnquotedLabel(int colon)
    {
        var first = Current;
        var range = TextRange.FromBounds(first.Start, _tokens[colon - 1].End);
        var text = Text(range);
        var message = IsKeyword(first.Kind)
            ? $"'{text}' is a keyword, so it cannot be a bare label; quote it: \"{text}\": ..."
            : Labels.Problem(text) is { } problem && text.IndexOf('.') >= 0
                ? $"{problem}; write nested labels as groups, e.g. {text.Substring(0, text.IndexOf('.'))}: (...)"
                : $"'{text}' is not a name: a bare label has letters, digits and '_'; quote any other key: \"{text}\": ...";
        _diagnostics.Report(DiagnosticCatalog.SyntaxError, _source.Span(range), message);
        _lastError = first.Start;
        while (_index < colon) Advance();
        Advance(); // :
        var value = ParseComprehension();
        return new LabeledSyntax(text, range, value, TextRange.FromBounds(first.Start, value.Range.End)) { Quoted = true };
    }

    private static bool IsKeyword(TokenKind kind) => kind is >= TokenKind.Network and <= TokenKind.For;

    /// <summary>
    /// Reads the inside of a quoted label at <paramref name="contents"/> of <paramref name="source"/>: its text, or the parts
    /// of a template, whose <c>{expressions}</c> are parsed in place (their ranges are offsets in the file). <c>{{</c> and
    /// <c>}}</c> are braces; with <paramref name="escapes"/> (a <c>.net</c> file), <c>\"</c> and <c>\\</c> are a quote and a
    /// backslash. Null after reporting a syntax error; what the text may contain is the caller's to check
    /// (<see cref="Labels.Problem"/>). The C# front-end reads <c>[Label("...")]</c> with it too.
    /// </summary>
    public static QuotedLabel? ParseLabel(SourceText source, TextRange contents, bool escapes, DiagnosticBag diagnostics)
    {
        var text = source.Text;
        var parts = new List<LabelPartSyntax>();
        var literal = new System.Text.StringBuilder();
        var literalStart = contents.Start;
        var ok = true;
        void Flush(int end)
        {
            if (literal.Length > 0) parts.Add(new LabelPartSyntax(literal.ToString(), null, TextRange.FromBounds(literalStart, end)));
            literal.Clear();
        }
        void Literal(int at, char c)
        {
            if (literal.Length == 0) literalStart = at;
            literal.Append(c);
        }
        var position = contents.Start;
        while (position < contents.End)
        {
            var c = text[position];
            var next = position + 1 < contents.End ? text[position + 1] : '\0';
            if ((escapes && c == '\\' && next is '"' or '\\') || (c == '{' && next == '{') || (c == '}' && next == '}'))
            {
                Literal(position, next);
                position += 2;
                continue;
            }
            if (c == '}')
            {
                diagnostics.Report(DiagnosticCatalog.SyntaxError, source.Span(new TextRange(position, 1)), "a '}' without its '{'; write '}}' for a brace in a label");
                ok = false;
                position++;
                continue;
            }
            if (c != '{')
            {
                Literal(position, c);
                position++;
                continue;
            }
            var close = text.IndexOf('}', position + 1, contents.End - position - 1);
            if (close < 0)
            {
                diagnostics.Report(DiagnosticCatalog.SyntaxError, source.Span(TextRange.FromBounds(position, contents.End)),
                    "this '{' has no '}': a template label writes the copy's number as {i} or {i + 1}; write '{{' for a brace");
                return null;
            }
            Flush(position);
            var inner = TextRange.FromBounds(position + 1, close);
            if (text.Substring(inner.Start, inner.Length).Trim().Length == 0)
            {
                diagnostics.Report(DiagnosticCatalog.SyntaxError, source.Span(TextRange.FromBounds(position, close + 1)), "expected an expression between '{' and '}', e.g. {i}");
                ok = false;
            }
            else
            {
                var parser = new Parser(source, diagnostics, new Lexer(source, diagnostics, inner).Tokenize());
                var expression = parser.ParseExpression();
                if (!parser.At(TokenKind.EndOfFile)) parser.Error(parser.Current, $"expected '}}' after {parser.Text(expression.Range)}, found {Describe(parser.Current)}");
                parts.Add(new LabelPartSyntax(null, expression, TextRange.FromBounds(position, close + 1)));
            }
            position = close + 1;
        }
        Flush(contents.End);
        if (!ok) return null;
        return parts.Exists(p => p.Expression is not null)
            ? new QuotedLabel(text.Substring(contents.Start, contents.Length), parts.ToEquatableArray())
            : new QuotedLabel(string.Concat(parts.Select(p => p.Text)), null);
    }

    private ExpressionSyntax ParseCondition()
    {
        var value = ParseOr();
        if (!At(TokenKind.If)) return value;
        Advance();
        var condition = ParseOr();
        if (!At(TokenKind.Else)) return new ConditionalSyntax(value, condition, null, value.Range.Cover(condition.Range));
        Advance();
        if (!Enter()) return Silent();
        try
        {
            var otherwise = ParseCondition();
            return new ConditionalSyntax(value, condition, otherwise, value.Range.Cover(otherwise.Range));
        }
        finally
        {
            _depth--;
        }
    }

    private ExpressionSyntax ParseOr()
    {
        var left = ParseAnd();
        var operands = 1;
        while (At(TokenKind.Or) && !ChainTooLong(++operands))
        {
            var op = Advance();
            var right = ParseAnd();
            left = new BinarySyntax(BinaryOperator.Or, new TextRange(op.Start, op.Length), left, right, left.Range.Cover(right.Range));
        }
        return left;
    }

    private ExpressionSyntax ParseAnd()
    {
        var left = ParseNot();
        var operands = 1;
        while (At(TokenKind.And) && !ChainTooLong(++operands))
        {
            var op = Advance();
            var right = ParseNot();
            left = new BinarySyntax(BinaryOperator.And, new TextRange(op.Start, op.Length), left, right, left.Range.Cover(right.Range));
        }
        return left;
    }

    /// <summary><c>not</c> binds looser than comparisons, as in Python: <c>not k > 2</c> is <c>not (k > 2)</c>.</summary>
    private ExpressionSyntax ParseNot()
    {
        if (!At(TokenKind.Not)) return ParseComparison();
        if (!Enter()) return Silent();
        try
        {
            var token = Advance();
            var operand = ParseNot();
            return new UnarySyntax(UnaryOperator.Not, operand, TextRange.FromBounds(token.Start, operand.Range.End));
        }
        finally
        {
            _depth--;
        }
    }

    private ExpressionSyntax ParseComparison()
    {
        var left = ParseAdditive();
        BinaryOperator? op = Current.Kind switch
        {
            TokenKind.EqualsEquals => BinaryOperator.Equal,
            TokenKind.NotEquals => BinaryOperator.NotEqual,
            TokenKind.Less => BinaryOperator.Less,
            TokenKind.LessEquals => BinaryOperator.LessOrEqual,
            TokenKind.Greater => BinaryOperator.Greater,
            TokenKind.GreaterEquals => BinaryOperator.GreaterOrEqual,
            _ => null,
        };
        if (op is null) return left;
        var token = Advance();
        var right = ParseAdditive();
        return new BinarySyntax(op.Value, new TextRange(token.Start, token.Length), left, right, left.Range.Cover(right.Range));
    }

    private ExpressionSyntax ParseAdditive()
    {
        var left = ParseMultiplicative();
        var operands = 1;
        while ((At(TokenKind.Plus) || At(TokenKind.Minus)) && !ChainTooLong(++operands))
        {
            var token = Advance();
            SkipNewLines();
            var right = RecoverLabelAfterOperator(token, left, ParseMultiplicative());
            var op = token.Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            left = new BinarySyntax(op, new TextRange(token.Start, token.Length), left, right, left.Range.Cover(right.Range));
        }
        return left;
    }

    private ExpressionSyntax ParseMultiplicative()
    {
        var left = ParseUnary();
        var operands = 1;
        while ((At(TokenKind.Star) || At(TokenKind.Slash) || At(TokenKind.Percent)) && !ChainTooLong(++operands))
        {
            var token = Advance();
            SkipNewLines();
            var right = RecoverLabelAfterOperator(token, left, ParseUnary());
            var op = token.Kind switch
            {
                TokenKind.Star => BinaryOperator.Multiply,
                TokenKind.Slash => BinaryOperator.Divide,
                _ => BinaryOperator.Modulo,
            };
            left = new BinarySyntax(op, new TextRange(token.Start, token.Length), left, right, left.Range.Cover(right.Range));
        }
        return left;
    }

    /// <summary>
    /// <c>main + downsample: conv(...)</c>: a label labels a whole stage, so it cannot follow an operator. Reported with
    /// the fix (parentheses), then read as <c>main + (downsample: conv(...))</c> so the line parses on.
    /// </summary>
    private ExpressionSyntax RecoverLabelAfterOperator(Token op, ExpressionSyntax left, ExpressionSyntax right)
    {
        if (!At(TokenKind.Colon) || right is not NameSyntax { Name: not "<error>" } label) return right;
        var before = Text(left.Range);
        if (before.Length > 24 || before.IndexOfAny(new[] { '\n', '\r' }) >= 0) before = "...";
        _diagnostics.Report(DiagnosticCatalog.SyntaxError, _source.Span(label.Range),
            $"a label cannot follow '{op.Text}': it labels the whole stage it starts; put the labelled layer in parentheses: {before} {op.Text} ({label.Name}: ...)");
        _lastError = label.Range.Start;
        Advance(); // :
        var value = op.Kind is TokenKind.Plus or TokenKind.Minus ? ParseMultiplicative() : ParseUnary();
        var range = label.Range.Cover(value.Range);
        return new ParenthesizedSyntax(new LabeledSyntax(label.Name, label.Range, value, range), range);
    }

    private ExpressionSyntax ParseUnary()
    {
        if (At(TokenKind.Minus))
        {
            if (!Enter()) return Silent();
            try
            {
                var token = Advance();
                var operand = ParseUnary();
                return new UnarySyntax(UnaryOperator.Negate, operand, TextRange.FromBounds(token.Start, operand.Range.End));
            }
            finally
            {
                _depth--;
            }
        }
        return ParsePostfix();
    }

    private ExpressionSyntax ParsePostfix()
    {
        var expression = ParsePrimary();
        while (true)
        {
            if (At(TokenKind.Dot))
            {
                Advance();
                if (!At(TokenKind.Identifier))
                {
                    Error(Current, $"expected a size ('channels', 'rank', 'size(i)') or a tensor method ('permute(1, 0)') after '.', found {Describe(Current)}");
                    return expression;
                }
                expression = ParseMember(expression, Advance());
            }
            else if (At(TokenKind.OpenBracket) && Current.Start == expression.Range.End) expression = ParseIndex(expression);
            else return expression;
        }
    }

    /// <summary><c>target.name</c> (a size) or <c>target.name(args)</c> (a method); without a target, a stage on the current value.</summary>
    private ExpressionSyntax ParseMember(ExpressionSyntax? target, Token member)
    {
        var start = target?.Range.Start ?? member.Start - 1;
        var nameRange = new TextRange(member.Start, member.Length);
        if (At(TokenKind.OpenParen) && Current.Start == member.End)
        {
            Advance();
            var arguments = ParseList(TokenKind.CloseParen, "an argument");
            var close = Current;
            Expect(TokenKind.CloseParen, $"')' to close the arguments of '{member.Text}'");
            return new MethodCallSyntax(target, member.Text, nameRange, arguments.ToEquatableArray(), TextRange.FromBounds(start, close.End));
        }
        return target is null
            ? new MethodCallSyntax(null, member.Text, nameRange, EquatableArray<ExpressionSyntax>.Empty, TextRange.FromBounds(start, member.End))
            : new MemberSyntax(target, member.Text, nameRange, TextRange.FromBounds(start, member.End));
    }

    /// <summary><c>target[items]</c>: each item an index or a slice <c>start:stop:step</c>, as in Python.</summary>
    private ExpressionSyntax ParseIndex(ExpressionSyntax target)
    {
        if (!Enter()) return Silent();
        try
        {
            Advance(); // [
            var items = new List<IndexItemSyntax>();
            while (!At(TokenKind.CloseBracket) && !At(TokenKind.EndOfFile) && !At(TokenKind.CloseBrace))
            {
                var itemStart = Current.Start;
                var first = At(TokenKind.Colon) ? null : ParseCondition();
                ExpressionSyntax? stop = null, step = null;
                var isSlice = At(TokenKind.Colon);
                if (isSlice)
                {
                    Advance();
                    if (!AtIndexEnd(colon: true)) stop = ParseCondition();
                    if (At(TokenKind.Colon))
                    {
                        Advance();
                        if (!AtIndexEnd(colon: false)) step = ParseCondition();
                    }
                }
                items.Add(new IndexItemSyntax(first, stop, step, isSlice, TextRange.FromBounds(itemStart, _tokens[System.Math.Max(_index - 1, 0)].End)));
                if (At(TokenKind.Comma)) Advance();
                else if (!At(TokenKind.CloseBracket))
                {
                    Error(Current, $"expected ',' or ']' in an index, found {Describe(Current)}");
                    break;
                }
            }
            var close = Current;
            Expect(TokenKind.CloseBracket, "']' to close the index");
            if (items.Count == 0) Error(close, "expected an index or a slice between '[' and ']', e.g. x[0] or x[1:]");
            return new IndexSyntax(target, items.ToEquatableArray(), TextRange.FromBounds(target.Range.Start, close.End));
        }
        finally
        {
            _depth--;
        }
    }

    private bool AtIndexEnd(bool colon) => At(TokenKind.Comma) || At(TokenKind.CloseBracket) || (colon && At(TokenKind.Colon));

    private ExpressionSyntax ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                Advance();
                return new IntegerSyntax(long.Parse(token.Text, CultureInfo.InvariantCulture), new TextRange(token.Start, token.Length));
            case TokenKind.Float:
                Advance();
                double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
                return new FloatSyntax(value, token.Text, new TextRange(token.Start, token.Length));
            case TokenKind.True:
            case TokenKind.False:
                Advance();
                return new BoolSyntax(token.Kind == TokenKind.True, new TextRange(token.Start, token.Length));
            case TokenKind.Input:
                Advance();
                return new NameSyntax("input", new TextRange(token.Start, token.Length));
            case TokenKind.Identifier:
                Advance();
                if (At(TokenKind.OpenParen) && Current.Start == token.End)
                {
                    Advance();
                    var arguments = ParseList(TokenKind.CloseParen, "an argument");
                    var close = Current;
                    Expect(TokenKind.CloseParen, $"')' to close the arguments of '{token.Text}'");
                    return new CallSyntax(token.Text, new TextRange(token.Start, token.Length), arguments.ToEquatableArray(), TextRange.FromBounds(token.Start, close.End));
                }
                return new NameSyntax(token.Text, new TextRange(token.Start, token.Length));
            case TokenKind.OpenParen:
            {
                // Each item is parsed by ParseExpression, which counts the nesting level.
                Advance();
                var items = ParseList(TokenKind.CloseParen, "an expression");
                var close = Current;
                Expect(TokenKind.CloseParen, "')'");
                var range = TextRange.FromBounds(token.Start, close.End);
                if (items.Count == 1 && !(_tokens[_index - 1].Kind == TokenKind.CloseParen && _tokens[_index - 2].Kind == TokenKind.Comma))
                    return new ParenthesizedSyntax(items[0], range);
                return new TupleSyntax(items.ToEquatableArray(), range);
            }
            case TokenKind.Dot when Peek(1).Kind == TokenKind.Identifier && Peek(1).Start == token.End:
                // '.flatten(1)': a method on the current value, a stage of a pipeline.
                Advance();
                return ParseMember(null, Advance());
            case TokenKind.OpenBrace:
                return ParseGroup(token, null);
            case TokenKind.String:
                Advance();
                return Error(token, $"a quoted name is a label: it starts a stage and is followed by ':', {token.Text}: conv(...)");
            case TokenKind.Parallel:
            {
                Advance();
                var count = ParseUnary();
                if (!At(TokenKind.OpenBrace))
                {
                    Error(Current, $"expected '{{' after 'parallel {Text(count.Range)}', found {Describe(Current)}");
                    return count;
                }
                return ParseGroup(Current, (count, new TextRange(token.Start, token.Length)));
            }
            default:
                return Error(token, null);
        }
    }

    private ExpressionSyntax ParseGroup(Token open, (ExpressionSyntax Count, TextRange Keyword)? parallel)
    {
        if (!Enter()) return Silent();
        try
        {
            Advance();
            var statements = ParseStatements();
            var close = Current;
            Expect(TokenKind.CloseBrace, "'}' to close the group");
            var body = new BodySyntax(statements.ToEquatableArray(), TextRange.FromBounds(open.Start, close.End));
            if (parallel is { } p)
                return new ParallelSyntax(p.Count, body, p.Keyword, TextRange.FromBounds(p.Keyword.Start, close.End));
            return new GroupSyntax(body, body.Range);
        }
        finally
        {
            _depth--;
        }
    }

    private List<ExpressionSyntax> ParseList(TokenKind close, string what)
    {
        var items = new List<ExpressionSyntax>();
        if (At(close)) return items;
        while (true)
        {
            var start = _index;
            items.Add(ParseExpression());
            if (At(TokenKind.Comma))
            {
                Advance();
                if (At(close)) return items; // trailing comma
                continue;
            }
            if (At(close) || At(TokenKind.EndOfFile) || _index == start) return items;
            Error(Current, $"expected ',' or '{(close == TokenKind.CloseParen ? ")" : "]")}' after {what}, found {Describe(Current)}");
            while (!At(close) && !At(TokenKind.Comma) && !At(TokenKind.EndOfFile) && !At(TokenKind.NewLine) && !At(TokenKind.CloseBrace)) Advance();
            if (!At(TokenKind.Comma)) return items;
            Advance();
        }
    }

    public const int MaxOperands = 256;

    /// <summary>Long operator chains nest left-deep; past <see cref="MaxOperands"/> operands they are refused like deep nesting.</summary>
    private bool ChainTooLong(int operands) => operands > MaxOperands && !Enter(MaxDepth + 1);

    private bool Enter() => Enter(1);

    private bool Enter(int levels)
    {
        _depth += levels;
        if (_depth <= MaxDepth) return true;
        _depth -= levels;
        if (!_tooDeepReported)
        {
            _tooDeepReported = true;
            _diagnostics.Report(DiagnosticCatalog.NestingTooDeep, _source.Span(new TextRange(Current.Start, Current.Length)),
                $"this expression nests more than {MaxDepth} levels deep or chains more than {MaxOperands} operands; split it with named values or blocks");
        }
        // Skip the too-deep expression with its brackets, so the enclosing ones still close where they should and
        // the rest of the declaration parses; if its brackets never close, stay quiet about them to the line's end.
        var open = 0;
        while (!At(TokenKind.EndOfFile) && !At(TokenKind.NewLine) && !At(TokenKind.CloseBrace))
        {
            if (At(TokenKind.OpenParen) || At(TokenKind.OpenBracket)) open++;
            else if (At(TokenKind.CloseParen) || At(TokenKind.CloseBracket) || At(TokenKind.Comma))
            {
                if (open == 0) return false;
                if (!At(TokenKind.Comma)) open--;
            }
            Advance();
            if (open == 0) return false;
        }
        _quietUntil = Current.Start;
        return false;
    }

    private void Expect(TokenKind kind, string what)
    {
        if (At(kind)) { Advance(); return; }
        Error(Current, $"expected {what}, found {Describe(Current)}");
    }

    private ExpressionSyntax Error(Token token, string? message)
    {
        if (message is null)
        {
            message = $"expected an expression, found {Describe(token)}";
            if (token.Kind is not (TokenKind.NewLine or TokenKind.EndOfFile or TokenKind.CloseBrace or TokenKind.CloseParen or TokenKind.CloseBracket or TokenKind.Comma or TokenKind.Network or TokenKind.Block)) Advance();
        }
        // One error per position: a missing ')' is reported once, not by every rule that wanted it.
        if (token.Kind != TokenKind.Bad && token.Start > _quietUntil && token.Start != _lastError)
            _diagnostics.Report(DiagnosticCatalog.SyntaxError, _source.Span(new TextRange(token.Start, token.Length)), message);
        _lastError = token.Start;
        return new NameSyntax("<error>", new TextRange(token.Start, token.Length));
    }

    /// <summary>A placeholder for an expression whose problem was already reported (too deep).</summary>
    private ExpressionSyntax Silent() => new NameSyntax("<error>", new TextRange(Current.Start, 0));

    private string Text(TextRange range) => _source.Text.Substring(range.Start, range.Length);

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.EndOfFile => "the end of the file",
        TokenKind.NewLine => "the end of the line",
        TokenKind.Identifier => $"'{token.Text}'",
        TokenKind.Integer or TokenKind.Float => $"the number {token.Text}",
        _ => $"'{token.Text}'",
    };
}
