using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetDsl.Collections;
using NetDsl.Diagnostics;
using NetDsl.Emit;
using Net = NetDsl.Syntax;
using TextRange = NetDsl.Syntax.TextRange;

namespace NetDsl.Generator.FrontEnd;

/// <summary>
/// Reads the body of a <c>[Network]</c> or <c>[Block]</c> class: its stages, in source order. A <c>partial</c>
/// property is a named stage (<c>Features</c> is the child <c>features</c>: one layer is that child, several are an
/// nn.Sequential of them); a <c>partial void</c> method is an unnamed stage whose layers join the body's sequence.
/// </summary>
internal static class StageReader
{
    /// <summary>The members of fixed names the generated part of a network or block declares.</summary>
    public static IReadOnlyList<string> GeneratedMembers(DeclarationKind kind) => kind == DeclarationKind.Network ? GeneratedNames.NetworkMembers : GeneratedNames.BlockMembers;

    private static readonly SymbolDisplayFormat ClassFormat = new(typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces);

    private static readonly SymbolDisplayFormat TypeFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public sealed class Body
    {
        public List<Net.StatementSyntax> Statements { get; } = new();

        public List<Net.HostMember> Members { get; } = new();

        /// <summary>The layer attributes of the last stage: a problem with the body's output is reported there.</summary>
        public TextRange? LastStage { get; set; }
    }

    public static Body Read(ReaderContext context, TypeDeclarationSyntax type, INamedTypeSymbol symbol, DeclarationKind kind)
    {
        var body = new Body();
        foreach (var member in type.Members)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var attributes = member.AttributeLists
                .Where(list => list.Target is null)
                .SelectMany(list => list.Attributes)
                .Select(attribute => BoundAttribute.Bind(context.Model, attribute, context.CancellationToken))
                .Where(attribute => attribute.Kind != AttributeKind.None)
                .ToList();
            var layers = attributes.Where(a => a.IsLayer).ToList();
            var labelAttribute = attributes.FirstOrDefault(a => a.Kind == AttributeKind.Label);
            if (layers.Count == 0)
            {
                if (labelAttribute is not null)
                    context.Report(DiagnosticCatalog.EmptyStage, labelAttribute.Syntax, "[Label] names a stage, but this member has no layer attributes; it is ignored");
                continue;
            }
            var range = TextRange.FromBounds(layers[0].Syntax.SpanStart, layers[layers.Count - 1].Syntax.Span.End);
            if (!IsStage(context, member, layers[0], kind, out var memberName, out var property)) continue;

            LabelValue? name = null;
            if (labelAttribute?.Syntax.ArgumentList?.Arguments.FirstOrDefault() is { } labelArgument)
                name = ArgumentReader.ReadLabel(context, labelArgument.Expression);
            else if (property is not null)
                name = new LabelValue(NetNames.StateName(memberName!), ReaderContext.Range(property.Identifier), false, null);
            if (name is { } stageName)
            {
                if (stageName.Template is null && !stageName.Text.EndsWith("*", System.StringComparison.Ordinal)) CheckConflict(context, symbol, Emit.CSharp.IdentifierFor(stageName.Text), stageName.Range);
                if (property is not null)
                {
                    var (holds, typeName) = Holds(context, property);
                    body.Members.Add(new Net.HostMember(memberName!, TypeText(context, property), stageName.Text, holds, typeName, ReaderContext.Range(property.Type)));
                }
            }

            var items = layers.Select(layer => LayerReader.Read(context, layer)).ToList();
            body.Statements.AddRange(Statements(context, items, name, range));
            body.LastStage = range;
        }
        return body;
    }

    /// <summary>A stage is a public get-only partial property or a <c>partial void</c> method without a body.</summary>
    private static bool IsStage(ReaderContext context, MemberDeclarationSyntax member, BoundAttribute first, DeclarationKind kind, out string? name, out PropertyDeclarationSyntax? property)
    {
        name = null;
        property = null;
        switch (member)
        {
            case PropertyDeclarationSyntax candidate:
            {
                var modifiers = candidate.Modifiers;
                if (!modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    context.Report(DiagnosticCatalog.InvalidStageMember, candidate.Identifier,
                        $"the stage property '{candidate.Identifier.ValueText}' must be partial, so the generator can return its child: public partial {candidate.Type} {candidate.Identifier.ValueText} {{ get; }}");
                    return false;
                }
                var accessors = candidate.AccessorList?.Accessors;
                var getOnly = candidate.ExpressionBody is null && candidate.Initializer is null && accessors is { Count: 1 } list
                              && list[0].IsKind(SyntaxKind.GetAccessorDeclaration) && list[0].Body is null && list[0].ExpressionBody is null && list[0].Modifiers.Count == 0;
                var problem = !modifiers.Any(SyntaxKind.PublicKeyword) ? "public"
                    : modifiers.Any(SyntaxKind.StaticKeyword) ? "an instance property, not static"
                    : !getOnly ? "get-only ({ get; }), without a body"
                    : modifiers.Any(m => m.IsKind(SyntaxKind.VirtualKeyword) || m.IsKind(SyntaxKind.AbstractKeyword) || m.IsKind(SyntaxKind.OverrideKeyword) || m.IsKind(SyntaxKind.NewKeyword) || m.IsKind(SyntaxKind.RequiredKeyword))
                        ? "neither virtual, abstract, override, new nor required"
                        : null;
                if (problem is not null)
                {
                    context.Report(DiagnosticCatalog.InvalidStageProperty, candidate.Identifier,
                        $"the stage property '{candidate.Identifier.ValueText}' must be {problem}: the generated part implements it as public partial {candidate.Type} {candidate.Identifier.ValueText} => child");
                    return false;
                }
                if (GeneratedMembers(kind).Contains(candidate.Identifier.ValueText))
                {
                    context.Report(DiagnosticCatalog.MemberNameConflict, candidate.Identifier,
                        $"'{candidate.Identifier.ValueText}' is a member the generator writes for every {kind.ToString().ToLowerInvariant()}; name the property differently (and use [Label(\"...\")] for another child name)");
                    return false;
                }
                name = candidate.Identifier.ValueText;
                property = candidate;
                return true;
            }
            case MethodDeclarationSyntax method:
            {
                var ok = method.Modifiers.Any(SyntaxKind.PartialKeyword)
                         && method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
                         && method.Body is null && method.ExpressionBody is null
                         && method.ParameterList.Parameters.Count == 0 && method.TypeParameterList is null
                         && !method.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.PrivateKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.ExternKeyword) || m.IsKind(SyntaxKind.VirtualKeyword) || m.IsKind(SyntaxKind.OverrideKeyword));
                if (!ok)
                {
                    context.Report(DiagnosticCatalog.InvalidStageMember, method.Identifier,
                        $"an unnamed stage is a method declared as 'partial void {method.Identifier.ValueText}();' (no modifiers, parameters or body); nothing is generated for it");
                    return false;
                }
                name = method.Identifier.ValueText;
                return true;
            }
            default:
                context.Report(DiagnosticCatalog.InvalidStageMember, first.Syntax,
                    $"layers belong on a partial property (a named stage: public partial Sequential Features {{ get; }}) or a 'partial void' method (an unnamed stage), not on {Describe(member)}");
                return false;
        }
    }

    private static string Describe(MemberDeclarationSyntax member) => member switch
    {
        FieldDeclarationSyntax => "a field",
        EventFieldDeclarationSyntax or EventDeclarationSyntax => "an event",
        ConstructorDeclarationSyntax => "a constructor",
        IndexerDeclarationSyntax => "an indexer",
        BaseTypeDeclarationSyntax => "a nested type",
        _ => "this member",
    };

    /// <summary>A child becomes a field named as its label: a member of that name in the class would clash with it.</summary>
    private static void CheckConflict(ReaderContext context, INamedTypeSymbol symbol, string name, TextRange range)
    {
        if (!symbol.GetMembers(name).Any(m => !m.IsImplicitlyDeclared)) return;
        context.Report(DiagnosticCatalog.MemberNameConflict, range,
            $"the child '{name}' becomes a field named {name}, but '{symbol.Name}' already declares a member '{name}'; rename the member or give the stage another [Label]");
    }

    /// <summary>The property's type as the generated part must repeat it: fully qualified, with its nullability; as written when it does not bind yet (a block generated from a .net file).</summary>
    private static string TypeText(ReaderContext context, PropertyDeclarationSyntax property)
    {
        var symbol = (context.Model.GetDeclaredSymbol(property, context.CancellationToken) as IPropertySymbol)?.Type;
        return symbol is null || symbol.TypeKind == TypeKind.Error || ContainsErrors(symbol) ? property.Type.ToString().Trim() : symbol.ToDisplayString(TypeFormat);
    }

    /// <summary>
    /// Which children the property's type can hold (the modules that convert to it), and its name if it may be a
    /// block's class: the compiler, which knows the child, reports a type that cannot hold it (ND0315).
    /// </summary>
    private static (Net.ChildKinds Holds, string? Class) Holds(ReaderContext context, PropertyDeclarationSyntax property)
    {
        var type = (context.Model.GetDeclaredSymbol(property, context.CancellationToken) as IPropertySymbol)?.Type;
        if (type is null || ContainsErrors(type))
        {
            // Not declared yet: a block of a .net file is generated with the code. As written, without 'global::'.
            var written = property.Type is NullableTypeSyntax nullable ? nullable.ElementType : property.Type;
            return (Net.ChildKinds.None, written.ToString().Trim().Replace("global::", ""));
        }
        var compilation = context.Model.Compilation;
        var tensor = compilation.GetTypeByMetadataName("TorchSharp.torch+Tensor");
        var generic = compilation.GetTypeByMetadataName("TorchSharp.torch+nn+Module`2");
        var module = compilation.GetTypeByMetadataName("TorchSharp.torch+nn+Module");
        var sequential = compilation.GetTypeByMetadataName("TorchSharp.Modules.Sequential");
        var list = compilation.GetTypeByMetadataName("TorchSharp.Modules.ModuleList`1");
        if (tensor is null || generic is null || module is null || sequential is null || list is null) return (Net.ChildKinds.Anything, null);
        var layer = generic.Construct(tensor, tensor);
        bool Converts(ITypeSymbol from) => compilation.ClassifyConversion(from, type).IsImplicit;
        var holds = (Converts(layer) ? Net.ChildKinds.Module : 0)
                    | (Converts(sequential) ? Net.ChildKinds.Sequential : 0)
                    | (Converts(list.Construct(layer)) ? Net.ChildKinds.ModuleList : 0)
                    | (Converts(compilation.CreateArrayTypeSymbol(layer)) ? Net.ChildKinds.ModuleArray : 0)
                    | (Converts(module) ? Net.ChildKinds.AnyModule : 0);
        var name = type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsGenericType: false } named ? named.ToDisplayString(ClassFormat) : null;
        return (holds, name);
    }

    private static bool ContainsErrors(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Error || (type is INamedTypeSymbol named && named.TypeArguments.Any(ContainsErrors)) || (type is IArrayTypeSymbol array && ContainsErrors(array.ElementType));

    private static IEnumerable<Net.StatementSyntax> Statements(ReaderContext context, List<StageItem> items, LabelValue? name, TextRange range)
    {
        if (items.Any(item => item.Statements is not null))
        {
            if (items.Count > 1)
            {
                foreach (var item in items.Where(item => item.Statements is not null))
                {
                    context.Report(DiagnosticCatalog.StatementsNotAlone, item.Range,
                        "a [Layers] string of several statements must be the only layer attribute of its stage: write the other layers in the string, or in a stage of their own");
                }
                return Enumerable.Empty<Net.StatementSyntax>();
            }
            var statements = items[0].Statements!.Value;
            if (statements.Count == 0) return Enumerable.Empty<Net.StatementSyntax>();
            if (name is not { } label) return statements;
            var group = new Net.GroupSyntax(new Net.BodySyntax(statements, range), range);
            return new[] { new Net.ExpressionStatementSyntax(label.Label(group, range), range) };
        }

        var stages = items.SelectMany(item => Flatten(item.Expression!)).ToList();
        var pipeline = stages.Count == 1 ? stages[0] : new Net.PipelineSyntax(stages.ToEquatableArray(), stages[0].Range.Cover(stages[stages.Count - 1].Range));
        Net.ExpressionSyntax statement = name switch
        {
            null => pipeline,
            { } label when stages.Count == 1 && IsLayer(stages[0]) => label.Label(stages[0], range),
            { } label => label.Label(new Net.ParenthesizedSyntax(pipeline, range), range),
        };
        return new[] { new Net.ExpressionStatementSyntax(statement, range) };
    }

    /// <summary>The stages of a pipeline, left to right: a [Layers] pipeline joins the stage's own.</summary>
    private static IEnumerable<Net.ExpressionSyntax> Flatten(Net.ExpressionSyntax expression) => expression switch
    {
        Net.PipelineSyntax pipeline => pipeline.Stages,
        Net.BinarySyntax { Operator: Net.BinaryOperator.Pipe } pipe => Flatten(pipe.Left).Concat(Flatten(pipe.Right)),
        _ => new[] { expression },
    };

    /// <summary>What a label names directly, as <c>name: expr</c> does in a <c>.net</c> file; anything else is grouped.</summary>
    private static bool IsLayer(Net.ExpressionSyntax expression) =>
        expression is Net.CallSyntax or Net.NameSyntax or Net.ConditionalSyntax or Net.GroupSyntax or Net.ParallelSyntax or Net.ParenthesizedSyntax
            or Net.BinarySyntax { Operator: Net.BinaryOperator.Multiply } or Net.ComprehensionSyntax;
}
