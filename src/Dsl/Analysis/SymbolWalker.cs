using System.Collections.Generic;
using System.Linq;
using NetDsl.Compiler;
using NetDsl.Semantics;
using NetDsl.Syntax;

namespace NetDsl.Analysis;

/// <summary>Fills a <see cref="SymbolIndex"/>: declarations first (blocks are visible before they are declared), then every body.</summary>
internal sealed class SymbolWalker
{
    private readonly SymbolIndex _index;
    private readonly Dictionary<string, (BlockSyntax Syntax, Symbol Symbol)> _blocks = new(System.StringComparer.Ordinal);
    private readonly Dictionary<ParameterSyntax, Symbol> _parameters = new(Collections.ReferenceComparer<ParameterSyntax>.Instance);
    private string _path = "";
    private string _declaration = "";

    public SymbolWalker(SymbolIndex index) => _index = index;

    /// <summary>The names visible at a point: a declaration's, or a group's inside it.</summary>
    private sealed class Scope
    {
        private readonly Dictionary<string, Symbol> _names = new(System.StringComparer.Ordinal);
        private readonly Scope? _parent;

        public Scope(Scope? parent) => _parent = parent;

        public void Define(Symbol symbol) => _names[symbol.Name] = symbol;

        public Symbol? Find(string name) => _names.TryGetValue(name, out var symbol) ? symbol : _parent?.Find(name);
    }

    public void Walk(IReadOnlyList<SyntaxUnit> files)
    {
        var kept = ProjectDeclarations.Build(files, null);
        var keptNetworks = new HashSet<NetworkSyntax>(kept.Networks.Select(n => n.Syntax), Collections.ReferenceComparer<NetworkSyntax>.Instance);
        var declared = new List<(SyntaxUnit File, DeclarationSyntax Syntax, Symbol Symbol)>();
        foreach (var file in files)
        {
            foreach (var declaration in file.Syntax.Declarations)
            {
                if (declaration.Host is not null) continue; // a C# class: its names live in C#
                var kind = declaration is NetworkSyntax ? SymbolKind.Network : SymbolKind.Block;
                var symbol = new Symbol(kind, declaration.Name, file.Path, declaration.NameRange, declaration.Range, null);
                _index.Add(new SymbolOccurrence(symbol, file.Path, declaration.NameRange, IsDefinition: true));
                declared.Add((file, declaration, symbol));
                var isKept = declaration is BlockSyntax block
                    ? kept.Blocks.TryGetValue(block.Name, out var info) && ReferenceEquals(info.Syntax, block)
                    : keptNetworks.Contains((NetworkSyntax)declaration);
                if (!isKept) continue;
                _index.Keep(symbol);
                if (declaration is BlockSyntax keptBlock) _blocks[keptBlock.Name] = (keptBlock, symbol);
                foreach (var parameter in declaration.Parameters)
                {
                    _parameters[parameter] = new Symbol(SymbolKind.Parameter, parameter.Name, file.Path, parameter.NameRange, parameter.NameRange, declaration.Name);
                }
            }
        }
        foreach (var (file, declaration, _) in declared)
        {
            _path = file.Path;
            _declaration = declaration.Name;
            WalkDeclaration(declaration);
        }
    }

    private void WalkDeclaration(DeclarationSyntax declaration)
    {
        var scope = new Scope(null);
        foreach (var parameter in declaration.Parameters)
        {
            if (parameter.Default is not null) WalkExpression(parameter.Default, scope);
            var symbol = _parameters.TryGetValue(parameter, out var kept)
                ? kept
                : new Symbol(SymbolKind.Parameter, parameter.Name, _path, parameter.NameRange, parameter.NameRange, declaration.Name);
            Define(symbol, scope);
        }
        if (declaration is NetworkSyntax network)
        {
            foreach (var dimension in network.InputShape) WalkExpression(dimension, scope);
        }
        else if (declaration is BlockSyntax block)
        {
            foreach (var input in block.Inputs) Define(new Symbol(SymbolKind.Input, input.Name, _path, input.Range, input.Range, declaration.Name), scope);
        }
        WalkBody(declaration.Body, scope);
    }

    private void WalkBody(BodySyntax body, Scope scope)
    {
        foreach (var statement in body.Statements)
        {
            switch (statement)
            {
                case BindingSyntax binding:
                    WalkExpression(binding.Value, scope);
                    Define(new Symbol(SymbolKind.Value, binding.Name, _path, binding.NameRange, binding.Range, _declaration), scope);
                    break;
                case ExpressionStatementSyntax expression:
                    WalkExpression(expression.Expression, scope);
                    break;
                case OutputStatementSyntax outputs:
                    foreach (var output in outputs.Outputs) WalkExpression(output.Value, scope);
                    break;
            }
        }
    }

    private void Define(Symbol symbol, Scope scope)
    {
        scope.Define(symbol);
        _index.Add(new SymbolOccurrence(symbol, _path, symbol.NameRange, IsDefinition: true));
    }

    private void Use(string name, TextRange range, Scope scope)
    {
        var symbol = scope.Find(name) ?? (_blocks.TryGetValue(name, out var block) ? block.Symbol : null);
        if (symbol is not null) _index.Add(new SymbolOccurrence(symbol, _path, range, IsDefinition: false));
    }

    private void WalkExpression(ExpressionSyntax expression, Scope scope)
    {
        switch (expression)
        {
            case NameSyntax name:
                Use(name.Name, name.Range, scope);
                break;
            case CallSyntax call:
                WalkCall(call, scope);
                break;
            case MemberSyntax member:
                WalkExpression(member.Target, scope);
                break;
            case PipelineSyntax pipeline:
                foreach (var stage in pipeline.Stages) WalkExpression(stage, scope);
                break;
            case BinarySyntax binary:
                WalkExpression(binary.Left, scope);
                WalkExpression(binary.Right, scope);
                break;
            case UnarySyntax unary:
                WalkExpression(unary.Operand, scope);
                break;
            case LabeledSyntax labeled:
                if (labeled.Label != "*")
                {
                    var name = labeled.Label.TrimEnd('*');
                    var range = new TextRange(labeled.LabelRange.Start, name.Length);
                    var label = new Symbol(SymbolKind.Label, labeled.Label, _path, range, labeled.Range, _declaration);
                    _index.Add(new SymbolOccurrence(label, _path, range, IsDefinition: true)); // a label is named once: nothing refers to it
                }
                WalkExpression(labeled.Value, scope);
                break;
            case ConditionalSyntax conditional:
                WalkExpression(conditional.Value, scope);
                WalkExpression(conditional.Condition, scope);
                if (conditional.Else is not null) WalkExpression(conditional.Else, scope);
                break;
            case TupleSyntax tuple:
                foreach (var item in tuple.Items) WalkExpression(item, scope);
                break;
            case ParenthesizedSyntax parenthesized:
                WalkExpression(parenthesized.Inner, scope);
                break;
            case GroupSyntax group:
                WalkBody(group.Body, new Scope(scope));
                break;
            case ParallelSyntax parallel:
                WalkExpression(parallel.Count, scope);
                WalkBody(parallel.Body, new Scope(scope));
                break;
        }
    }

    /// <summary>A call: a block's name is a use of the block; <c>name: value</c> names a parameter of the block (an argument of an op), or labels a branch of a merge.</summary>
    private void WalkCall(CallSyntax call, Scope scope)
    {
        var isMerge = Lowerer.MergeNames.Contains(call.Name);
        var block = !isMerge && scope.Find(call.Name) is null && _blocks.TryGetValue(call.Name, out var found) ? found : default;
        if (block.Symbol is not null) _index.Add(new SymbolOccurrence(block.Symbol, _path, call.NameRange, IsDefinition: false));
        foreach (var argument in call.Arguments)
        {
            if (argument is LabeledSyntax named && !isMerge)
            {
                var parameter = block.Syntax?.Parameters.FirstOrDefault(p => p.Name == named.Label);
                if (parameter is not null && _parameters.TryGetValue(parameter, out var symbol))
                    _index.Add(new SymbolOccurrence(symbol, _path, named.LabelRange, IsDefinition: false));
                WalkExpression(named.Value, scope);
            }
            else WalkExpression(argument, scope);
        }
    }
}
