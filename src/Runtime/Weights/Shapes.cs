using System.Collections.Generic;
using System.Linq;
using NetDsl.WeightFormats;

namespace NetDsl.Runtime.Weights;

/// <summary>The runtime's readers' name for src/Dsl's <see cref="StoredShapes"/> (one set of rules for every weight format).</summary>
internal static class Shapes
{
    /// <inheritdoc cref="StoredShapes.MaxTensorBytes"/>
    public const long MaxTensorBytes = StoredShapes.MaxTensorBytes;

    public static string Format(IReadOnlyList<long> shape) => StoredShapes.Format(shape);

    public static bool Equal(IReadOnlyList<long> a, IReadOnlyList<long> b) => a.SequenceEqual(b);

    /// <inheritdoc cref="StoredShapes.CheckedNumel"/>
    public static long CheckedNumel(IReadOnlyList<long> shape) => StoredShapes.CheckedNumel(shape);

    /// <inheritdoc cref="StoredShapes.Problem"/>
    public static string? Problem(IReadOnlyList<long> shape, int elementSize) => StoredShapes.Problem(shape, elementSize);
}
