using System.Collections.Generic;

namespace NetDsl.Semantics;

/// <summary>
/// A network's declared input: each axis's size (a symbolic axis's bound) as a scalar, each axis's symbol (null for a
/// fixed size: <c>input [t &lt;= context, 64]</c> has <c>t</c>, null), and whether it holds floats or token ids.
/// </summary>
public sealed record InputDeclaration(IReadOnlyList<Scalar> Sizes, IReadOnlyList<string?> Symbols, ElementKind Elements)
{
    /// <summary>Whether the input is floats of fixed sizes, as every network before symbolic sizes and token ids.</summary>
    public bool IsPlain
    {
        get
        {
            if (Elements != ElementKind.Float) return false;
            foreach (var symbol in Symbols)
            {
                if (symbol is not null) return false;
            }
            return true;
        }
    }
}
