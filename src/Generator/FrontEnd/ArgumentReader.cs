using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using Net = NetDsl.Syntax;
using TextRange = NetDsl.Syntax.TextRange;

namespace NetDsl.Generator.FrontEnd;

/// <summary>
/// Turns an attribute argument into a <c>.net</c> expression: a number, a bool, a constant, an array of two items (a
/// pair) or NetDsl code in a string, parsed in place. Anything else is ND0308 (or ND0309 for a string that is not a
/// plain literal) at the argument.
/// </summary>
internal static class ArgumentReader
{
    private static readonly Regex NetFloat = new(@"^([0-9][0-9_]*\.[0-9][0-9_]*|\.[0-9][0-9_]*|[0-9][0-9_]*)([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant);
    private static readonly Regex NetInteger = new(@"^[0-9][0-9_]*$", RegexOptions.CultureInvariant);

    /// <summary>What stands for an argument that could not be read (its problem is reported): the compiler skips the layer silently, as after a syntax error.</summary>
    public static ArgumentValue Error(TextRange range) => new(new Net.NameSyntax("<error>", range), "<error>", false);

    public static ArgumentValue? Read(ReaderContext context, ExpressionSyntax expression, string what)
    {
        var range = ReaderContext.Range(expression);
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                return ReadCode(context, literal, what);
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                return FromConstant(context, literal.Token.Value, range, literal.Token.Text, what);
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.TrueLiteralExpression) || literal.IsKind(SyntaxKind.FalseLiteralExpression):
            {
                var value = literal.IsKind(SyntaxKind.TrueLiteralExpression);
                return new ArgumentValue(new Net.BoolSyntax(value, range), value ? "true" : "false", false);
            }
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression) && unary.Operand is LiteralExpressionSyntax operand && operand.IsKind(SyntaxKind.NumericLiteralExpression):
            {
                var inner = Read(context, operand, what);
                return inner is null ? null : new ArgumentValue(new Net.UnarySyntax(Net.UnaryOperator.Negate, inner.Node, range), "-" + inner.Text, false);
            }
            case ParenthesizedExpressionSyntax parenthesized:
                return Read(context, parenthesized.Expression, what);
            case ArrayCreationExpressionSyntax { Initializer: { } initializer }:
                return ReadPair(context, initializer, range, what);
            case ImplicitArrayCreationExpressionSyntax { Initializer: { } initializer }:
                return ReadPair(context, initializer, range, what);
            case ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax:
                return WrongType(context, range, what, "an array without items");
            case TypeOfExpressionSyntax:
                return WrongType(context, range, what, "a type");
            case InterpolatedStringExpressionSyntax:
            {
                LiteralRegion.Of(expression, out var problem);
                context.Report(DiagnosticCatalog.UnsupportedString, range, problem!);
                return null;
            }
        }

        var constant = context.Model.GetConstantValue(expression, context.CancellationToken);
        if (!constant.HasValue)
        {
            // Not a constant: C# itself reports that an attribute argument must be one.
            return null;
        }
        if (context.Model.GetTypeInfo(expression, context.CancellationToken).Type is { TypeKind: TypeKind.Enum })
            return WrongType(context, range, what, "an enum value");
        if (constant.Value is string)
        {
            context.Report(DiagnosticCatalog.UnsupportedString, range,
                "a string constant is not supported here: write the NetDsl code as a string literal in the attribute, so that positions in it are positions in this file");
            return null;
        }
        return FromConstant(context, constant.Value, range, null, what);
    }

    /// <summary>A name given as a string literal (a parameter, a label, an input): its text and the range of its contents.</summary>
    /// <param name="repetitionLabel">A layer's label may end in '*' (<c>"layer*"</c>: the copies of a repetition, <c>layer1</c>, <c>layer2</c>, ...) or be <c>"*"</c>.</param>
    public static (string Name, TextRange Range)? ReadName(ReaderContext context, ExpressionSyntax expression, string what, bool repetitionLabel = false)
    {
        if (expression is not LiteralExpressionSyntax literal || !literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            if (context.Model.GetConstantValue(expression, context.CancellationToken) is { HasValue: true, Value: string constant })
            {
                // A constant name has no position of its own: report problems at the argument.
                var whole = ReaderContext.Range(expression);
                return Validate(context, constant, whole, what, repetitionLabel) ? (constant, whole) : null;
            }
            if (expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression })
                WrongType(context, ReaderContext.Range(expression), what, "null");
            return null;
        }
        var region = LiteralRegion.Of(literal, out _);
        var range = region?.Range ?? ReaderContext.Range(literal);
        var name = literal.Token.ValueText;
        return Validate(context, name, range, what, repetitionLabel) ? (name, range) : null;
    }

    private static bool Validate(ReaderContext context, string name, TextRange range, string what, bool repetitionLabel)
    {
        if (name.Length > Net.Labels.MaxLength)
        {
            context.Report(DiagnosticCatalog.InvalidName, range, $"this name has {name.Length:N0} characters; a name or label has at most {Net.Labels.MaxLength}");
            return false;
        }
        // A repetition's label may end in '*' ("layer*": copies layer1, layer2, ...) or be '*' alone (copies numbered on with the scope's children).
        if (repetitionLabel && name == "*") return true;
        if (NetNames.IsIdentifier(repetitionLabel && name.EndsWith("*", StringComparison.Ordinal) ? name.Substring(0, name.Length - 1) : name)) return true;
        context.Report(DiagnosticCatalog.InvalidName, range, NetNames.IsKeyword(name)
            ? $"'{name}' is a NetDsl keyword and cannot be {what}; choose another name"
            : $"'{name}' cannot be {what}: a NetDsl name has ASCII letters, digits and '_', and does not start with a digit");
        return false;
    }

    /// <summary>
    /// A label, read as the <c>.net</c> label it spells: a name (<c>"features"</c>, <c>"layer*"</c>, <c>"*"</c>) as written bare,
    /// any other text as a quoted label (<c>"block"</c>, <c>"block1-0"</c>), a template included (<c>"encoder_layer_{i}"</c>),
    /// whose <c>{expressions}</c> are read in place, so the literal must be one whose text is its value (ND0309 otherwise).
    /// </summary>
    public static LabelValue? ReadLabel(ReaderContext context, ExpressionSyntax expression)
    {
        string value;
        TextRange range;
        LiteralRegion? region = null;
        if (expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            region = LiteralRegion.Of(literal, out _);
            range = region?.Range ?? ReaderContext.Range(literal);
            value = literal.Token.ValueText;
        }
        else if (context.Model.GetConstantValue(expression, context.CancellationToken) is { HasValue: true, Value: string constant })
        {
            // A constant label has no position of its own: problems are reported at the argument.
            value = constant;
            range = ReaderContext.Range(expression);
        }
        else
        {
            if (expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression }) WrongType(context, ReaderContext.Range(expression), "a label", "null");
            return null;
        }
        var bare = value.EndsWith("*", StringComparison.Ordinal) ? value.Substring(0, value.Length - 1) : value;
        if (value == "*" || (Net.Labels.IsIdentifier(bare) && bare.Length <= Net.Labels.MaxLength)) return new LabelValue(value, range, false, null);
        if (region is { } contents)
        {
            var bag = new DiagnosticBag();
            var label = Net.Parser.ParseLabel(context.Source, contents.Range, escapes: false, bag);
            context.Diagnostics.AddRange(bag.Items);
            if (label is not { } read) return null;
            if (Net.Labels.Problem(read.Literal, read.Template is not null) is { } invalid)
            {
                context.Report(DiagnosticCatalog.InvalidName, range, invalid);
                return null;
            }
            if (read.Template is not null) context.Kept.Add(contents.Range);
            return new LabelValue(read.Text, range, true, read.Template);
        }
        if (value.IndexOfAny(new[] { '{', '}' }) >= 0)
        {
            context.Report(DiagnosticCatalog.UnsupportedString, range,
                "a label with '{' or '}' is a template whose expressions are read in place: write it as a string literal here, without escape sequences");
            return null;
        }
        if (Net.Labels.Problem(value) is { } problem)
        {
            context.Report(DiagnosticCatalog.InvalidName, range, problem);
            return null;
        }
        return new LabelValue(value, range, true, null);
    }

    private static ArgumentValue? ReadCode(ReaderContext context, LiteralExpressionSyntax literal, string what)
    {
        var region = LiteralRegion.Of(literal, out var problem);
        if (region is null)
        {
            if (problem is not null) context.Report(DiagnosticCatalog.UnsupportedString, ReaderContext.Range(literal), problem);
            return null;
        }
        var expression = EmbeddedCode.ParseExpression(context, region.Value, what);
        if (expression is null) return null;
        return new ArgumentValue(expression, context.Text(expression.Range), ReadsText(expression));
    }

    /// <summary>
    /// Tensor sizes (<c>x.channels</c>) and calls are shown by the compiler as their source text; a path naming another
    /// layer's parameter (<c>transformer.wte.weight</c>, a tied weight) is not.
    /// </summary>
    private static bool ReadsText(Net.ExpressionSyntax expression) => expression switch
    {
        Net.MemberSyntax member when IsParameterPath(member) => false,
        Net.MemberSyntax or Net.CallSyntax or Net.MethodCallSyntax or Net.IndexSyntax => true,
        Net.NameSyntax name => Catalog.OpCatalog.Find(name.Name) is not null,
        Net.BinarySyntax binary => ReadsText(binary.Left) || ReadsText(binary.Right),
        Net.UnarySyntax unary => ReadsText(unary.Operand),
        Net.ParenthesizedSyntax parenthesized => ReadsText(parenthesized.Inner),
        Net.TupleSyntax tuple => tuple.Items.Any(ReadsText),
        Net.LabeledSyntax labeled => ReadsText(labeled.Value),
        _ => false,
    };

    /// <summary>A dotted path of names whose last is neither a size (<c>channels</c>, ...) nor an op's method: a parameter's path.</summary>
    private static bool IsParameterPath(Net.MemberSyntax member) =>
        member.Member is not ("channels" or "height" or "width" or "rank" or "size")
        && Catalog.OpCatalog.Find(member.Member) is null
        && member.Target switch
        {
            Net.NameSyntax => true,
            Net.MemberSyntax inner => IsParameterPath(inner),
            _ => false,
        };

    private static ArgumentValue? ReadPair(ReaderContext context, InitializerExpressionSyntax initializer, TextRange range, string what)
    {
        if (initializer.Expressions.Count != 2)
            return WrongType(context, range, what, $"an array of {initializer.Expressions.Count} item{(initializer.Expressions.Count == 1 ? "" : "s")} (a pair has two: new[] {{ h, w }})");
        var first = Read(context, initializer.Expressions[0], what);
        var second = Read(context, initializer.Expressions[1], what);
        if (first is null || second is null) return null;
        return new ArgumentValue(new Net.TupleSyntax(new[] { first.Node, second.Node }.ToEquatableArray(), range), $"({first.Text}, {second.Text})", first.ReadsSourceText || second.ReadsSourceText);
    }

    private static ArgumentValue? FromConstant(ReaderContext context, object? value, TextRange range, string? token, string what)
    {
        switch (value)
        {
            case int or long or short or sbyte or byte or ushort or uint:
            {
                var number = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                var text = token is not null && NetInteger.IsMatch(token) ? token : number.ToString(CultureInfo.InvariantCulture);
                return new ArgumentValue(new Net.IntegerSyntax(number, range), text, false);
            }
            case ulong big when big > long.MaxValue:
                context.Report(DiagnosticCatalog.NumberOutOfRange, range, $"the integer {big} does not fit in 64 bits (largest: {long.MaxValue})");
                return null;
            case ulong small:
                return new ArgumentValue(new Net.IntegerSyntax((long)small, range), token is not null && NetInteger.IsMatch(token) ? token : small.ToString(CultureInfo.InvariantCulture), false);
            case double or float or decimal:
            {
                var number = value is float single ? double.Parse(single.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsInfinity(number) || double.IsNaN(number))
                {
                    context.Report(DiagnosticCatalog.NumberOutOfRange, range, $"{what} must be a finite number");
                    return null;
                }
                var text = FloatText(number, token);
                return new ArgumentValue(new Net.FloatSyntax(number, text, range), text, false);
            }
            case bool flag:
                return new ArgumentValue(new Net.BoolSyntax(flag, range), flag ? "true" : "false", false);
            case char:
                return WrongType(context, range, what, "a char");
            case null:
                return WrongType(context, range, what, "null");
            default:
                return WrongType(context, range, what, $"a {value.GetType().Name}");
        }
    }

    /// <summary>The literal as written when the <c>.net</c> lexer reads it as the same float; else the shortest round-trip form.</summary>
    private static string FloatText(double value, string? token)
    {
        if (token is not null)
        {
            var bare = token.TrimEnd('f', 'F', 'd', 'D', 'm', 'M');
            if (NetFloat.IsMatch(bare) && bare.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0) return bare;
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(new[] { '.', 'E' }) >= 0 ? text : text + ".0";
    }

    private static ArgumentValue? WrongType(ReaderContext context, TextRange range, string what, string found)
    {
        context.Report(DiagnosticCatalog.WrongAttributeArgument, range,
            $"{what} must be a number, a bool, a pair (new[] {{ h, w }}) or NetDsl code in a string (\"classes\", \"f * 2\", \"same\"), not {found}");
        return null;
    }
}
