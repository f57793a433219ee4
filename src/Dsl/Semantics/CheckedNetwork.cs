using System.Collections.Generic;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// A network evaluated for its declared parameter values: every layer's path, shape and parameter count, and the shape
/// of each value of its scope by value id (null for one not evaluated, or the several copies of a parallel).
/// </summary>
public sealed record CheckedNetwork(Scope Scope, NetworkSyntax Syntax, Shape Input, Shape Output, IReadOnlyList<LayerInfo> Rows, long Parameters, long Buffers, bool HasErrors, IReadOnlyList<Shape?> ValueShapes)
{
    /// <summary>The check stopped at the layer limit: the rows cover only part of the network.</summary>
    public bool Truncated { get; init; }

    /// <summary>The elements of the buffers declared with <c>buffer(...)</c>, part of <see cref="Buffers"/> with the batch-norm statistics.</summary>
    public long DeclaredBuffers { get; init; }
}
