using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
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
/// The C# front-end: reads a <c>[Network]</c> or <c>[Block]</c> class into the syntax tree of the <c>.net</c> language,
/// with ranges that are offsets into the C# file, so the one compiler checks it and reports problems at the attribute
/// or argument that caused them. Never throws (a crash becomes ND9999 at the class).
/// </summary>
internal static class DeclarationReader
{
    public static CSharpDeclaration Read(GeneratorAttributeSyntaxContext attributeContext, DeclarationKind kind, CancellationToken cancellationToken)
    {
        var type = (TypeDeclarationSyntax)attributeContext.TargetNode;
        var tree = type.SyntaxTree;
        var context = new ReaderContext(tree.FilePath, tree.GetText(cancellationToken).ToString(), attributeContext.SemanticModel, cancellationToken);
        var nameRange = ReaderContext.Range(type.Identifier);
        Net.DeclarationSyntax? syntax = null;
        try
        {
            syntax = ReadDeclaration(context, attributeContext, type, kind);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var error = InternalError.From(exception);
            context.Report(DiagnosticCatalog.InternalError, nameRange,
                $"NetDsl internal error in the C# front-end: {error.ExceptionType}: {error.Message} (at {error.TopFrame}); please report this at https://github.com/netdsl/netdsl/issues with the class that triggers it");
            syntax = null;
        }
        context.Kept.Add(nameRange);
        var text = UnitText.Build(context.FileText, type.Span.End, context.Kept, context.Overlays);
        return new CSharpDeclaration(
            context.Path,
            type.Identifier.ValueText,
            kind,
            type.SpanStart,
            text,
            syntax,
            context.Overlays.OrderBy(o => o.Start).ToEquatableArray(),
            context.Diagnostics.ToEquatableArray(),
            context.Span(nameRange));
    }

    private static Net.DeclarationSyntax? ReadDeclaration(ReaderContext context, GeneratorAttributeSyntaxContext attributeContext, TypeDeclarationSyntax type, DeclarationKind kind)
    {
        var symbol = (INamedTypeSymbol)attributeContext.TargetSymbol;
        var classAttributes = type.AttributeLists
            .Where(list => list.Target is null)
            .SelectMany(list => list.Attributes)
            .Select(attribute => BoundAttribute.Bind(context.Model, attribute, context.CancellationToken))
            .Where(attribute => attribute.Kind != AttributeKind.None)
            .ToList();
        var own = classAttributes.FirstOrDefault(a => a.Kind == (kind == DeclarationKind.Network ? AttributeKind.Network : AttributeKind.Block));
        var other = classAttributes.FirstOrDefault(a => a.Kind == (kind == DeclarationKind.Network ? AttributeKind.Block : AttributeKind.Network));
        if (other is not null)
        {
            // Both attributes: the [Network] reading reports it once; the [Block] reading yields nothing.
            if (kind == DeclarationKind.Network)
                context.Report(DiagnosticCatalog.UnsupportedClass, other.Syntax, $"'{type.Identifier.ValueText}' is marked both [Network] and [Block]; a class declares one of them");
            return null;
        }
        if (!CheckClass(context, type, symbol)) return null;
        var inputCount = kind == DeclarationKind.Block ? Math.Max(1, own?.Syntax.ArgumentList?.Arguments.Count ?? 0) : 1;
        ReportGeneratedMemberConflicts(context, type, symbol, kind, inputCount);

        var parameters = ReadParameters(context, classAttributes.Where(a => a.Kind == AttributeKind.Parameter));
        var body = StageReader.Read(context, type, symbol, kind);
        var stagesRange = body.LastStage ?? ReaderContext.Range(type.Identifier);
        if (ReadOutputs(context, classAttributes.Where(a => a.Kind == AttributeKind.Output).ToList()) is { } outputs) body.Statements.Add(outputs);
        var bodySyntax = new Net.BodySyntax(body.Statements.ToEquatableArray(), stagesRange);
        var host = new Net.DeclarationHost(
            symbol.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "",
            ContainingTypes(type).ToEquatableArray(),
            Accessibility(symbol),
            body.Members.ToEquatableArray(),
            symbol.GetMembers().Where(m => !m.IsImplicitlyDeclared).Select(m => m.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray());
        var name = type.Identifier.ValueText;
        var nameRange = ReaderContext.Range(type.Identifier);
        var range = ReaderContext.Range(own?.Syntax ?? (SyntaxNode)type);
        if (kind == DeclarationKind.Block)
        {
            var inputs = ReadInputs(context, own);
            return new Net.BlockSyntax(name, nameRange, parameters, inputs, bodySyntax, range) { Host = host };
        }
        var shape = ReadInputShape(context, own, name);
        return new Net.NetworkSyntax(name, nameRange, parameters, shape, range, bodySyntax, range) { Host = host, TokenIds = ReadTokenIds(context, own) };
    }

    /// <summary>The class must be able to take a generated part: partial, not generic, in partial types, a plain class.</summary>
    private static bool CheckClass(ReaderContext context, TypeDeclarationSyntax type, INamedTypeSymbol symbol)
    {
        var ok = true;
        var name = type.Identifier.ValueText;
        if (type is RecordDeclarationSyntax)
        {
            context.Report(DiagnosticCatalog.UnsupportedClass, type.Identifier, $"'{name}' is a record; a network or block is a class (the generated part derives it from TorchSharp's Module)");
            return false;
        }
        var wrongModifier = type.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.AbstractKeyword));
        if (wrongModifier.RawKind != 0)
        {
            context.Report(DiagnosticCatalog.UnsupportedClass, ReaderContext.Range(wrongModifier), $"'{name}' cannot be {wrongModifier.ValueText}: the generator makes it a sealed module that can be instantiated");
            ok = false;
        }
        if (type.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.FileKeyword)) is { RawKind: not 0 } file)
        {
            context.Report(DiagnosticCatalog.UnsupportedClass, ReaderContext.Range(file), $"'{name}' cannot be file-local: the generated part of the class is another file, which cannot see it");
            ok = false;
        }
        if (!type.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            context.Report(DiagnosticCatalog.ClassNotPartial, type.Identifier, $"'{name}' must be partial: the generator writes the rest of the class (declare it 'partial class {name}')");
            ok = false;
        }
        if (type.TypeParameterList is { } typeParameters)
        {
            context.Report(DiagnosticCatalog.GenericClass, typeParameters, $"'{name}' cannot be generic: a network's or block's shapes are checked at build time for one concrete class");
            ok = false;
        }
        for (var parent = type.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                context.Report(DiagnosticCatalog.ContainingTypeNotPartial, parent.Identifier,
                    $"'{parent.Identifier.ValueText}' contains the {(symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeNames.Block) ? "block" : "network")} '{name}' and must be partial too, so the generated part can be nested in it");
                ok = false;
            }
            if (parent.TypeParameterList is { } parentParameters)
            {
                context.Report(DiagnosticCatalog.GenericClass, parentParameters, $"'{name}' is nested in the generic type '{parent.Identifier.ValueText}'; a network or block cannot depend on type parameters");
                ok = false;
            }
        }
        if (symbol.BaseType is { SpecialType: not SpecialType.System_Object } baseType && !IsModule(baseType) && type.BaseList is { } baseList)
        {
            context.Report(DiagnosticCatalog.UnsupportedClass, baseList.Types[0],
                $"'{name}' derives from '{baseType.ToDisplayString()}', but the generated part derives it from TorchSharp's Module; remove the base class");
            ok = false;
        }
        if (ok) ReportStagesInOtherParts(context, type, symbol);
        return ok;
    }

    /// <summary>
    /// The generated part writes the constructor (it builds the layers) and members of fixed names (<c>forward</c>,
    /// <c>Summary</c>, ...): a member of the class, in any part, that would clash with one is reported here rather than
    /// left to C# errors in the generated file. Stage properties so named are reported by <see cref="StageReader"/>.
    /// </summary>
    private static void ReportGeneratedMemberConflicts(ReaderContext context, TypeDeclarationSyntax type, INamedTypeSymbol symbol, DeclarationKind kind, int inputs)
    {
        var generated = StageReader.GeneratedMembers(kind);
        var what = kind.ToString().ToLowerInvariant();
        foreach (var member in symbol.GetMembers())
        {
            if (member.IsImplicitlyDeclared || member.Locations.FirstOrDefault(l => l.IsInSource) is not { } location) continue;
            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor })
            {
                var chained = member.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<ConstructorDeclarationSyntax>()
                    .Any(c => c.Initializer?.ThisOrBaseKeyword.IsKind(SyntaxKind.ThisKeyword) == true);
                if (!chained)
                {
                    context.Report(DiagnosticCatalog.UnsupportedClass, location,
                        $"'{symbol.Name}' declares a constructor, but the generated part writes the {what}'s constructor, which builds its layers; remove this one, or chain it to the generated one with ': this(...)'");
                }
                continue;
            }
            if (Hides(member))
            {
                context.Report(DiagnosticCatalog.MemberNameConflict, location,
                    $"'{member.Name}' is a name the generated code uses for another {(GeneratedNames.Types.Contains(member.Name) ? "type" : "class or method")}, which this {MemberKind(member)} would hide; rename it");
                continue;
            }
            if (!generated.Contains(member.Name)) continue;
            if (member is IPropertySymbol property && property.GetAttributes().Any(a => BoundAttribute.Classify(a.AttributeClass).Kind is AttributeKind.Op or AttributeKind.Call or AttributeKind.Layers)) continue;
            if (member is IMethodSymbol method && !ClashesWithGeneratedMethod(method, inputs)) continue;
            context.Report(DiagnosticCatalog.MemberNameConflict, location,
                $"'{member.Name}' is a member the generator writes for every {what}; rename this {MemberKind(member)}");
        }

        // Where the generated part looks before its usings: the enclosing types, then the namespaces out to the global one.
        var scopes = new List<INamespaceOrTypeSymbol>();
        for (var outer = symbol.ContainingType; outer is not null; outer = outer.ContainingType) scopes.Add(outer);
        for (var ns = symbol.ContainingNamespace; ns is not null; ns = ns.ContainingNamespace) scopes.Add(ns);
        foreach (var name in GeneratedNames.Values.Concat(GeneratedNames.Types).OrderBy(n => n, StringComparer.Ordinal))
        {
            var hiding = scopes.SelectMany(scope => scope is INamedTypeSymbol outer ? outer.GetMembers(name) : ((INamespaceSymbol)scope).GetTypeMembers(name).CastArray<ISymbol>())
                .FirstOrDefault(m => !SymbolEqualityComparer.Default.Equals(m, symbol) && Hides(m) && (m.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public || m.Locations.Any(l => l.IsInSource)));
            if (hiding is null) continue;
            context.Report(DiagnosticCatalog.MemberNameConflict, type.Identifier,
                $"'{hiding.ToDisplayString()}' hides the {name} the generated code of '{symbol.Name}' uses; rename it, or move '{symbol.Name}' away from it");
        }
    }

    /// <summary>Whether a declaration of this name and kind hides a name the generated code uses: any member for a class or method it calls, a type for a type.</summary>
    private static bool Hides(ISymbol member) =>
        GeneratedNames.Values.Contains(member.Name) || (GeneratedNames.Types.Contains(member.Name) && member is ITypeSymbol);

    /// <summary>The generated methods are <c>forward(Tensor, ...)</c>, one tensor per input, and <c>RegisterComponents()</c>; other names are not methods.</summary>
    private static bool ClashesWithGeneratedMethod(IMethodSymbol method, int inputs) => method.Name switch
    {
        "forward" => method.Parameters.Length == inputs && method.Parameters.All(p => p.Type.ToDisplayString() == "TorchSharp.torch.Tensor"),
        "RegisterComponents" => method.Parameters.Length == 0,
        _ => true,
    };

    private static string MemberKind(ISymbol member) => member switch
    {
        IMethodSymbol => "method",
        IPropertySymbol => "property",
        IFieldSymbol => "field",
        IEventSymbol => "event",
        ITypeSymbol => "type",
        _ => "member",
    };

    private static bool IsModule(INamedTypeSymbol type) =>
        type.Name == "Module" && type.ContainingType?.ToDisplayString() == "TorchSharp.torch.nn";

    /// <summary>Stages are read from the part that carries the attribute; layers on members of another part would be lost.</summary>
    private static void ReportStagesInOtherParts(ReaderContext context, TypeDeclarationSyntax type, INamedTypeSymbol symbol)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == type.SyntaxTree && reference.Span == type.Span) continue;
            if (reference.GetSyntax(context.CancellationToken) is not TypeDeclarationSyntax part) continue;
            foreach (var attribute in part.Members.SelectMany(m => m.AttributeLists).SelectMany(l => l.Attributes))
            {
                if (!LooksLikeLayer(attribute.Name)) continue;
                var span = part.SyntaxTree.GetLineSpan(attribute.Span, context.CancellationToken);
                context.Diagnostics.Add(new DslDiagnostic(DiagnosticCatalog.StageInOtherPart,
                    $"this layer is in another part of '{type.Identifier.ValueText}' than its [Network] or [Block] attribute, so its order among the stages is unknown; move the member to that part",
                    new SourceSpan(part.SyntaxTree.FilePath, attribute.SpanStart, attribute.Span.Length, span.StartLinePosition.Line, span.StartLinePosition.Character, span.EndLinePosition.Line, span.EndLinePosition.Character),
                    EquatableArray<SourceSpan>.Empty));
            }
        }
    }

    /// <summary>A syntactic test (other parts may be in other files): the attribute's simple name is a NetDsl layer attribute's.</summary>
    private static bool LooksLikeLayer(NameSyntax name)
    {
        var simple = name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
            SimpleNameSyntax plain => plain.Identifier.ValueText,
            _ => "",
        };
        if (simple.EndsWith("Attribute", StringComparison.Ordinal)) simple = simple.Substring(0, simple.Length - "Attribute".Length);
        return LayerAttributeNames.Contains(simple);
    }

    /// <summary>The layer attributes' names without the suffix (tests check the list against the attribute classes).</summary>
    internal static readonly HashSet<string> LayerAttributeNames = new(StringComparer.Ordinal)
    {
        "Layers", "Call", "Conv2d", "DepthwiseConv2d", "SeparableConv2d", "BatchNorm2d", "BatchNorm1d", "ReLU", "ReLU6", "LeakyReLU", "Sigmoid",
        "Tanh", "GELU", "SiLU", "Hardswish", "Softmax", "Identity", "Dropout", "LocalResponseNorm", "MaxPool2d", "AvgPool2d", "AdaptiveAvgPool2d",
        "GlobalAvgPool2d", "GlobalMaxPool2d", "Flatten", "Linear", "ZeroPad2d", "Reshape", "LogSoftmax", "Permute", "Transpose", "Select", "Slice",
        "Hardsigmoid", "Roll", "StochasticDepth", "ShiftedWindowAttention",
        "LayerNorm", "LayerNorm2d", "Embedding", "MultiheadAttention", "CausalSelfAttention",
    };

    private static EquatableArray<Net.ParameterSyntax> ReadParameters(ReaderContext context, IEnumerable<BoundAttribute> attributes)
    {
        var parameters = new List<Net.ParameterSyntax>();
        foreach (var attribute in attributes)
        {
            var arguments = attribute.Syntax.ArgumentList?.Arguments ?? default;
            var positional = arguments.Where(a => a.NameEquals is null).ToList();
            if (attribute.Constructor is null || positional.Count == 0) continue; // C# reports the missing name.
            var name = ArgumentReader.ReadName(context, positional[0].Expression, "a parameter name");
            if (name is null) continue;
            Net.ExpressionSyntax? defaultValue = null;
            if (positional.Count > 1)
            {
                defaultValue = (ArgumentReader.Read(context, positional[1].Expression, $"the default of '{name.Value.Name}'")
                                ?? ArgumentReader.Error(ReaderContext.Range(positional[1].Expression))).Node;
            }
            string? typeName = null;
            var typeRange = default(TextRange);
            if (arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Type") is { } typeArgument)
            {
                typeRange = ReaderContext.Range(typeArgument.Expression);
                typeName = ParameterType(context, typeArgument.Expression, name.Value.Name);
            }
            parameters.Add(new Net.ParameterSyntax(name.Value.Name, name.Value.Range, typeName, typeRange, defaultValue));
        }
        return parameters.ToEquatableArray();
    }

    /// <summary>
    /// <c>[Output("logits", "x"), Output("aux", "a", WhileTraining = true)]</c>: the statement <c>output logits: x, aux: a if
    /// training</c>, the last of the body (the compiler checks where outputs may be named and what they are). Null without any.
    /// </summary>
    private static Net.OutputStatementSyntax? ReadOutputs(ReaderContext context, IReadOnlyList<BoundAttribute> attributes)
    {
        if (attributes.Count == 0) return null;
        var items = new List<Net.OutputItemSyntax>();
        foreach (var attribute in attributes)
        {
            var arguments = attribute.Syntax.ArgumentList?.Arguments ?? default;
            var positional = arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
            if (attribute.Constructor is null || positional.Count < 2) continue; // C# reports the missing argument.
            if (ArgumentReader.ReadName(context, positional[0].Expression, "an output's name") is not { } name) continue;
            var range = ReaderContext.Range(attribute.Syntax);
            var value = (ArgumentReader.Read(context, positional[1].Expression, $"the value of output '{name.Name}'") ?? ArgumentReader.Error(ReaderContext.Range(positional[1].Expression))).Node;
            if (arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "WhileTraining") is { } training
                && context.Model.GetConstantValue(training.Expression, context.CancellationToken) is { HasValue: true, Value: true })
            {
                value = new Net.ConditionalSyntax(value, new Net.NameSyntax("training", ReaderContext.Range(training)), null, range);
            }
            items.Add(new Net.OutputItemSyntax(name.Name, name.Range, value, range));
        }
        if (items.Count == 0) return null;
        var keyword = ReaderContext.Range(attributes[0].Syntax);
        return new Net.OutputStatementSyntax(items.ToEquatableArray(), keyword, TextRange.FromBounds(keyword.Start, ReaderContext.Range(attributes[attributes.Count - 1].Syntax).End));
    }

    /// <summary><c>typeof(int)</c> is <c>int</c>, <c>typeof(double)</c> is <c>float</c>, <c>typeof(bool)</c> is <c>bool</c>.</summary>
    private static string? ParameterType(ReaderContext context, ExpressionSyntax expression, string parameter)
    {
        if (expression is TypeOfExpressionSyntax typeOf && context.Model.GetTypeInfo(typeOf.Type, context.CancellationToken).Type is { } type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_Int16:
                case SpecialType.System_Byte:
                    return "int";
                case SpecialType.System_Double:
                case SpecialType.System_Single:
                    return "float";
                case SpecialType.System_Boolean:
                    return "bool";
            }
        }
        context.Report(DiagnosticCatalog.WrongAttributeArgument, expression,
            $"the type of '{parameter}' must be typeof(int) (or long), typeof(double) (or float) or typeof(bool), not '{expression}'");
        return null;
    }

    /// <summary><c>[Network(..., TokenIds = true)]</c>, as <c>input tokens [...]</c> (a bool property: C# makes it a constant, or reports why not).</summary>
    private static bool ReadTokenIds(ReaderContext context, BoundAttribute? network)
    {
        var argument = network?.Syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "TokenIds");
        return argument is not null && context.Model.GetConstantValue(argument.Expression) is { HasValue: true, Value: true };
    }

    private static EquatableArray<Net.ExpressionSyntax> ReadInputShape(ReaderContext context, BoundAttribute? network, string name)
    {
        var arguments = (network?.Syntax.ArgumentList?.Arguments ?? default).Where(a => a.NameEquals is null).ToList();
        if (network is not null && arguments.Count == 0)
        {
            context.Report(DiagnosticCatalog.MissingInputShape, network.Syntax,
                $"network '{name}' has no input shape; give the shape of one sample, batch excluded, e.g. [Network(3, 224, 224)] or [Network(784)]");
        }
        return arguments
            .Select(a => (ArgumentReader.Read(context, a.Expression, "an input size") ?? ArgumentReader.Error(ReaderContext.Range(a.Expression))).Node)
            .ToEquatableArray();
    }

    private static EquatableArray<Net.InputNameSyntax> ReadInputs(ReaderContext context, BoundAttribute? block)
    {
        var inputs = new List<Net.InputNameSyntax>();
        foreach (var argument in block?.Syntax.ArgumentList?.Arguments ?? default)
        {
            if (ArgumentReader.ReadName(context, argument.Expression, "an input name") is { } input) inputs.Add(new Net.InputNameSyntax(input.Name, input.Range));
        }
        return inputs.ToEquatableArray();
    }

    /// <summary>Enclosing type declarations, outermost first, as the generated part re-opens them: <c>partial class Outer</c>.</summary>
    private static IEnumerable<string> ContainingTypes(TypeDeclarationSyntax type)
    {
        var parents = new List<string>();
        for (var parent = type.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            var keyword = parent switch
            {
                RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
                RecordDeclarationSyntax => "record",
                _ => parent.Keyword.ValueText,
            };
            parents.Insert(0, $"partial {keyword} {CSharp.Identifier(parent.Identifier.ValueText)}");
        }
        return parents;
    }

    private static string Accessibility(INamedTypeSymbol symbol) => symbol.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        Microsoft.CodeAnalysis.Accessibility.Private => "private",
        _ => "internal",
    };
}
