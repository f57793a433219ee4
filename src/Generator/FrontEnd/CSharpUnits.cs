using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Collections;
using NetDsl.Compiler;
using NetDsl.Diagnostics;
using NetDsl.Syntax;
using DslSourceText = NetDsl.Syntax.SourceText;

namespace NetDsl.Generator.FrontEnd;

/// <summary>
/// Hands C# declarations to the compiler as <see cref="SyntaxUnit"/>s, and brings its output back to the C# files:
/// diagnostics at a layer's overlay cover the whole attribute again, and a declaration the compiler could not
/// generate gets a stub part so that its partial properties still compile (only the NDxxxx errors remain).
/// </summary>
internal static class CSharpUnits
{
    public static List<SyntaxUnit> Create(EquatableArray<CSharpDeclaration> declarations, CompileOptions options)
    {
        var units = new List<SyntaxUnit>();
        foreach (var declaration in declarations)
        {
            var diagnostics = declaration.Diagnostics.ToList();
            var syntax = declaration.Syntax;
            if (syntax?.Host is { } host && NamespaceProblem(declaration, host, options.Namespace) is { } problem)
            {
                diagnostics.Add(new DslDiagnostic(DiagnosticCatalog.NamespaceOutsideRoot, problem, declaration.NameSpan, EquatableArray<SourceSpan>.Empty));
                syntax = null;
            }
            var declarationsOfUnit = syntax is null ? EquatableArray<DeclarationSyntax>.Empty : new[] { syntax }.ToEquatableArray();
            units.Add(new SyntaxUnit(declaration.Path, declaration.Text, new FileSyntax(declaration.Path, declarationsOfUnit), diagnostics.ToEquatableArray()));
        }
        return units;
    }

    /// <summary>
    /// Generated code names the support class <c>NetDslLayers</c> and blocks without a namespace: a network must live in
    /// the project's root namespace or one inside it, a C# block in the root namespace itself, outside any type.
    /// </summary>
    private static string? NamespaceProblem(CSharpDeclaration declaration, DeclarationHost host, string root)
    {
        var inside = host.Namespace == root || host.Namespace.StartsWith(root + ".", StringComparison.Ordinal);
        var where = host.Namespace.Length == 0 ? "the global namespace" : $"namespace '{host.Namespace}'";
        if (declaration.Kind == DeclarationKind.Network && !inside)
            return $"network '{declaration.Name}' is in {where}, outside the project's root namespace '{root}': its generated part uses classes generated in '{root}'; move it to '{root}' or a namespace inside it";
        if (declaration.Kind == DeclarationKind.Block && (host.Namespace != root || host.ContainingTypes.Count > 0))
            return $"block '{declaration.Name}' is in {(host.ContainingTypes.Count > 0 ? "another type" : where)}: networks refer to blocks by name from the project's root namespace '{root}', so a C# block must be declared there, outside any type";
        return null;
    }

    /// <summary>Diagnostics back at the attributes they concern: one at a layer's overlay covers the whole attribute again.</summary>
    public static EquatableArray<DslDiagnostic> MapDiagnostics(EquatableArray<DslDiagnostic> diagnostics, EquatableArray<CSharpDeclaration> declarations)
    {
        if (declarations.Count == 0) return diagnostics;
        var overlays = declarations
            .GroupBy(d => d.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Text: new DslSourceText(g.Key, g.OrderByDescending(d => d.Text.Length).First().Text), Overlays: g.SelectMany(d => d.Overlays).ToList()), StringComparer.Ordinal);
        SourceSpan Map(SourceSpan span)
        {
            if (!overlays.TryGetValue(span.Path, out var file)) return span;
            var overlay = file.Overlays.FirstOrDefault(o => o.Start == span.Start && o.Length == span.Length);
            return overlay is null ? span : file.Text.Span(new TextRange(overlay.Start, overlay.SourceLength));
        }
        return diagnostics
            .Select(d => d with { Span = Map(d.Span), AdditionalSpans = d.AdditionalSpans.Select(Map).ToEquatableArray() })
            .ToEquatableArray();
    }

    /// <summary>A stub part for every C# declaration the compiler generated nothing for, so its partial members still compile.</summary>
    public static EquatableArray<GeneratedSource> Stubs(IEnumerable<string> generatedHintNames, EquatableArray<CSharpDeclaration> declarations)
    {
        if (declarations.Count == 0) return EquatableArray<GeneratedSource>.Empty;
        var generated = new HashSet<string>(generatedHintNames, StringComparer.Ordinal);
        return declarations
            .Where(d => d.Syntax?.Host is { Members.Count: > 0 } && !generated.Contains(d.Name + ".g.cs"))
            .GroupBy(d => d.Name, StringComparer.Ordinal)
            .Select(g => StubEmitter.Emit(g.First()))
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .ToEquatableArray();
    }
}
