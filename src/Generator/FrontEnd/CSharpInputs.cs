using System;
using System.Collections.Immutable;
using System.Linq;
using NetDsl.Collections;

namespace NetDsl.Generator.FrontEnd;

/// <summary>All C# declarations in a stable order (file, then position), whatever order the host passes them in.</summary>
internal static class CSharpInputs
{
    public static EquatableArray<CSharpDeclaration> Normalize(ImmutableArray<CSharpDeclaration> networks, ImmutableArray<CSharpDeclaration> blocks) =>
        networks.Concat(blocks)
            .OrderBy(static d => d.Path, StringComparer.Ordinal)
            .ThenBy(static d => d.Position)
            .ThenBy(static d => d.Kind)
            .ToEquatableArray();
}
