using System.Collections.Generic;
using NetDsl.Syntax;

namespace NetDsl.Semantics;

/// <summary>
/// A network evaluated for its declared parameter values: every layer's path, shape, parameters and multiply-accumulates,
/// and the shape of each value of its scope by value id (null for one not evaluated, or the several copies of a parallel).
/// </summary>
public sealed record CheckedNetwork(Scope Scope, NetworkSyntax Syntax, Shape Input, Shape Output, IReadOnlyList<LayerInfo> Rows, long Parameters, long Buffers, bool HasErrors, IReadOnlyList<Shape?> ValueShapes)
{
    /// <summary>The check stopped at the layer limit: the rows cover only part of the network.</summary>
    public bool Truncated { get; init; }

    /// <summary>The elements of the buffers declared with <c>buffer(...)</c>, part of <see cref="Buffers"/> with the batch-norm statistics.</summary>
    public long DeclaredBuffers { get; init; }

    /// <summary>The multiply-accumulates of one sample through the network: the sum of the rows' (<see cref="LayerInfo.MultiplyAccumulates"/>).</summary>
    public long MultiplyAccumulates { get; init; }

    /// <summary>
    /// The activation memory of one sample in bytes: every row's output (layers, functions, merges, arithmetic; views
    /// included, the input and learned tensors not) at 4 bytes an element (float32), symbolic axes at their bound.
    /// </summary>
    public long ActivationBytes { get; init; }
}
