using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetDsl.Generator.FrontEnd;

/// <summary>An attribute in the source with the constructor it binds to and the NetDsl meaning of its class.</summary>
internal sealed class BoundAttribute
{
    private BoundAttribute(AttributeSyntax syntax, IMethodSymbol? constructor, AttributeKind kind, string? op)
    {
        Syntax = syntax;
        Constructor = constructor;
        Kind = kind;
        Op = op;
    }

    public AttributeSyntax Syntax { get; }

    /// <summary>Null when the attribute names a NetDsl class but does not bind (C# reports the error).</summary>
    public IMethodSymbol? Constructor { get; }

    public AttributeKind Kind { get; }

    /// <summary>The catalog op of an op attribute (<c>conv</c> for <c>[Conv2d]</c>).</summary>
    public string? Op { get; }

    public bool IsLayer => Kind is AttributeKind.Op or AttributeKind.Call or AttributeKind.Layers;

    public static BoundAttribute Bind(SemanticModel model, AttributeSyntax syntax, CancellationToken cancellationToken)
    {
        var info = model.GetSymbolInfo(syntax, cancellationToken);
        var constructor = info.Symbol as IMethodSymbol;
        var type = constructor?.ContainingType ?? info.CandidateSymbols.OfType<IMethodSymbol>().FirstOrDefault()?.ContainingType;
        var (kind, op) = Classify(type);
        return new BoundAttribute(syntax, kind == AttributeKind.None ? null : constructor, kind, op);
    }

    public static (AttributeKind Kind, string? Op) Classify(INamedTypeSymbol? type)
    {
        if (type is null || type.ContainingNamespace?.ToDisplayString() != AttributeNames.Namespace) return (AttributeKind.None, null);
        switch (type.ToDisplayString())
        {
            case AttributeNames.Network: return (AttributeKind.Network, null);
            case AttributeNames.Block: return (AttributeKind.Block, null);
            case AttributeNames.Parameter: return (AttributeKind.Parameter, null);
            case AttributeNames.Output: return (AttributeKind.Output, null);
            case AttributeNames.Label: return (AttributeKind.Label, null);
            case AttributeNames.Layers: return (AttributeKind.Layers, null);
            case AttributeNames.Call: return (AttributeKind.Call, null);
        }
        foreach (var attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == AttributeNames.CatalogOp && attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string op)
                return (AttributeKind.Op, op);
        }
        return (AttributeKind.None, null);
    }
}
