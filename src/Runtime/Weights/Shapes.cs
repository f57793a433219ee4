using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Runtime.Weights;

internal static class Shapes
{
    public static string Format(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";

    public static bool Equal(IReadOnlyList<long> a, IReadOnlyList<long> b) => a.SequenceEqual(b);

    /// <summary>The element count, or -1 when a dimension is negative or the product overflows a long.</summary>
    public static long CheckedNumel(IReadOnlyList<long> shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0)
                return -1;
            if (d != 0 && count > long.MaxValue / d)
                return -1;
            count *= d;
        }
        return count;
    }
}
