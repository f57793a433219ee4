using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using Net = NetDsl.Syntax;
using TextRange = NetDsl.Syntax.TextRange;

namespace NetDsl.Generator.FrontEnd;

/// <summary>
/// Reads one layer attribute: an op (<c>[Conv2d(32, 3, Padding = 1)]</c> is <c>conv(32, 3, padding: 1)</c>), a block
/// call (<c>[Call(typeof(Fire), 16, 64, 64)]</c> is <c>Fire(16, 64, 64)</c>) or a <c>[Layers("...")]</c> string.
/// </summary>
internal static class LayerReader
{
    public static StageItem Read(ReaderContext context, BoundAttribute attribute)
    {
        var range = ReaderContext.Range(attribute.Syntax);
        if (attribute.Constructor is null) return new StageItem(new Net.NameSyntax("<error>", range), null, range); // C# reports why it does not bind.
        return attribute.Kind switch
        {
            AttributeKind.Layers => ReadLayers(context, attribute.Syntax, range),
            AttributeKind.Call => ReadCall(context, attribute, range),
            _ => ReadOp(context, attribute, range),
        };
    }

    private static StageItem ReadLayers(ReaderContext context, AttributeSyntax syntax, TextRange range)
    {
        var argument = syntax.ArgumentList?.Arguments.FirstOrDefault();
        if (argument is null) return new StageItem(new Net.NameSyntax("<error>", range), null, range);
        var region = LiteralRegion.Of(argument.Expression, out var problem);
        if (region is null)
        {
            if (problem is not null) context.Report(DiagnosticCatalog.UnsupportedString, argument.Expression, problem);
            return new StageItem(new Net.NameSyntax("<error>", range), null, range);
        }
        var statements = EmbeddedCode.ParseStatements(context, region.Value) ?? EquatableArray<Net.StatementSyntax>.Empty;
        if (statements.Count == 1 && statements[0] is Net.ExpressionStatementSyntax single) return new StageItem(single.Expression, null, range);
        if (statements.Count == 0)
        {
            context.Report(DiagnosticCatalog.EmptyStage, region.Value.Range, "this [Layers] string declares no layers; it is ignored");
            return new StageItem(null, statements, range);
        }
        return new StageItem(null, statements, range);
    }

    private static StageItem ReadOp(ReaderContext context, BoundAttribute attribute, TextRange range)
    {
        var op = attribute.Op!;
        var call = new CallBuilder(context, attribute.Syntax, op, $"op '{op}'");
        var position = 0;
        foreach (var argument in Arguments(attribute.Syntax))
        {
            if (argument.NameEquals is { } property) call.AddProperty(property.Name, argument);
            else if (argument.NameColon is { } named) call.AddNamed(named.Name.Identifier.ValueText, ReaderContext.Range(named.Name), argument.Expression);
            else call.AddPositional(argument.Expression, position < attribute.Constructor!.Parameters.Length ? attribute.Constructor.Parameters[position].Name : null);
            position++;
        }
        return call.Build(op, ReaderContext.Range(attribute.Syntax.Name), range, parentheses: false);
    }

    private static StageItem ReadCall(ReaderContext context, BoundAttribute attribute, TextRange range)
    {
        var arguments = Arguments(attribute.Syntax).ToList();
        var first = arguments.FirstOrDefault(a => a.NameEquals is null);
        var block = first is null ? null : BlockName(context, first.Expression);
        if (block is null) return new StageItem(new Net.NameSyntax("<error>", range), null, range);
        var call = new CallBuilder(context, attribute.Syntax, block.Value.Name, $"block '{block.Value.Name}'");
        foreach (var argument in arguments)
        {
            if (argument == first) continue;
            if (argument.NameEquals is { } property) call.AddProperty(property.Name, argument);
            else call.AddPositional(argument.Expression, null);
        }
        return call.Build(block.Value.Name, block.Value.Range, range, parentheses: true);
    }

    /// <summary><c>typeof(Fire)</c> or <c>"Fire"</c>: the block's name and where it is written.</summary>
    private static (string Name, TextRange Range)? BlockName(ReaderContext context, ExpressionSyntax expression)
    {
        if (expression is TypeOfExpressionSyntax typeOf)
        {
            var name = typeOf.Type switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier,
                QualifiedNameSyntax { Right: IdentifierNameSyntax right } => right.Identifier,
                AliasQualifiedNameSyntax { Name: IdentifierNameSyntax aliased } => aliased.Identifier,
                _ => default,
            };
            if (name.RawKind == 0)
            {
                context.Report(DiagnosticCatalog.WrongAttributeArgument, typeOf.Type, $"'{typeOf.Type}' is not a block: a block is a non-generic class, typeof(Fire)");
                return null;
            }
            return (name.ValueText, ReaderContext.Range(name));
        }
        if (expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            return ArgumentReader.ReadName(context, expression, "a block name");
        context.Report(DiagnosticCatalog.WrongAttributeArgument, expression, "the block to call is typeof(BlockClass) or its name as a string, e.g. [Call(typeof(Fire), 16, 64, 64)]");
        return null;
    }

    private static IEnumerable<AttributeArgumentSyntax> Arguments(AttributeSyntax syntax) =>
        syntax.ArgumentList?.Arguments ?? Enumerable.Empty<AttributeArgumentSyntax>();

    /// <summary>Collects a call's arguments as <c>.net</c> syntax and its <c>.net</c> spelling; builds the layer.</summary>
    private sealed class CallBuilder
    {
        private readonly ReaderContext _context;
        private readonly AttributeSyntax _attribute;
        private readonly string _name;
        private readonly string _what;
        private readonly List<Net.ExpressionSyntax> _arguments = new();
        private readonly List<string> _texts = new();
        private bool _named;
        private bool _readsText;
        private LabelValue? _label;
        private (Net.ExpressionSyntax Count, TextRange Range)? _repeat;

        public CallBuilder(ReaderContext context, AttributeSyntax attribute, string name, string what)
        {
            _context = context;
            _attribute = attribute;
            _name = name;
            _what = what;
        }

        public void AddProperty(IdentifierNameSyntax property, AttributeArgumentSyntax argument)
        {
            var name = property.Identifier.ValueText;
            if (name == AttributeNames.LabelProperty)
            {
                _label = ArgumentReader.ReadLabel(_context, argument.Expression);
                return;
            }
            if (name == AttributeNames.RepeatProperty)
            {
                var count = ArgumentReader.Read(_context, argument.Expression, $"the repetition count of {_what}") ?? ArgumentReader.Error(ReaderContext.Range(argument.Expression));
                // As in .net, an expression count is parenthesised: B(64) * (blocks - 1).
                var node = count.Node is Net.IntegerSyntax or Net.NameSyntax or Net.ParenthesizedSyntax ? count.Node : new Net.ParenthesizedSyntax(count.Node, count.Node.Range);
                _repeat = (node, ReaderContext.Range(argument));
                return;
            }
            AddNamed(NetNames.ArgumentName(name), ReaderContext.Range(property), argument.Expression);
        }

        public void AddNamed(string name, TextRange nameRange, ExpressionSyntax expression)
        {
            var value = Read(expression, $"'{name}' of {_what}");
            _arguments.Add(new Net.LabeledSyntax(name, nameRange, value.Node, nameRange.Cover(value.Node.Range)));
            _texts.Add($"{name}: {value.Text}");
            _named = true;
        }

        /// <summary>A positional argument after a named one (C# allows it in its position) becomes a named one.</summary>
        public void AddPositional(ExpressionSyntax expression, string? parameter)
        {
            if (_named && parameter is not null)
            {
                AddNamed(parameter, ReaderContext.Range(expression), expression);
                return;
            }
            var value = Read(expression, parameter is null ? $"an argument of {_what}" : $"'{parameter}' of {_what}");
            _arguments.Add(value.Node);
            _texts.Add(value.Text);
        }

        private ArgumentValue Read(ExpressionSyntax expression, string what)
        {
            var value = ArgumentReader.Read(_context, expression, what) ?? ArgumentReader.Error(ReaderContext.Range(expression));
            _readsText |= value.ReadsSourceText;
            return value;
        }

        /// <summary>The layer; an op without arguments is written bare (<c>relu</c>), a block call always with parentheses (<c>SE()</c>).</summary>
        public StageItem Build(string name, TextRange nameRange, TextRange range, bool parentheses)
        {
            var bare = _arguments.Count == 0 && !parentheses;
            var text = bare ? name : $"{name}({string.Join(", ", _texts)})";
            var callRange = Overlay(text, range);
            Net.ExpressionSyntax layer = bare
                ? new Net.NameSyntax(name, callRange)
                : new Net.CallSyntax(name, nameRange, _arguments.ToEquatableArray(), callRange);
            if (_repeat is { } repeat) layer = new Net.BinarySyntax(Net.BinaryOperator.Multiply, repeat.Range, layer, repeat.Count, range);
            if (_label is { } label) layer = label.Label(layer, range);
            return new StageItem(layer, null, range);
        }

        /// <summary>
        /// Where the compiler will read the layer's text: the <c>.net</c> spelling written over the attribute when it fits
        /// on the attribute's line (and no argument needs its own source text), else the attribute as written.
        /// </summary>
        private TextRange Overlay(string text, TextRange range)
        {
            var end = range.End;
            var file = _context.FileText;
            while (end < file.Length && end - range.Start < text.Length && file[end] is ' ' or '\t' or ',' or ']') end++;
            var fits = text.Length <= end - range.Start && file.IndexOfAny(new[] { '\r', '\n' }, range.Start, text.Length) < 0;
            if (!fits || _readsText)
            {
                _context.Kept.Add(range);
                return range;
            }
            _context.Overlays.Add(new CallOverlay(range.Start, text.Length, range.Length, text));
            return new TextRange(range.Start, text.Length);
        }
    }
}
