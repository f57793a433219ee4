using System.Collections.Generic;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>A network evaluated for its declared parameter values: every layer's path, shape and parameter count.</summary>
public sealed record CheckedNetwork(Scope Scope, NetworkSyntax Syntax, Shape Input, Shape Output, IReadOnlyList<LayerInfo> Rows, long Parameters, long Buffers, bool HasErrors, IReadOnlyDictionary<int, Shape> ValueShapes)
{
    /// <summary>The check stopped at the layer limit: the rows cover only part of the network.</summary>
    public bool Truncated { get; init; }
}
