using System.Collections.Generic;

namespace NetDsl.WeightFormats;

/// <summary>The sizes of a tensor a weight file declares: what makes them impossible, before any byte is read.</summary>
public static class StoredShapes
{
    /// <summary>
    /// The most bytes one tensor may hold: the runtime reads a tensor through one span of its memory, and a span has at
    /// most int.MaxValue elements.
    /// </summary>
    public const long MaxTensorBytes = int.MaxValue;

    public static string Format(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>The element count, or -1 when a dimension is negative or the product overflows a long.</summary>
    public static long CheckedNumel(IReadOnlyList<long> shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) return -1;
            if (d != 0 && count > long.MaxValue / d) return -1;
            count *= d;
        }
        return count;
    }

    /// <summary>
    /// What makes a declared tensor impossible to create and read, or null: a negative dimension, an element count
    /// or a contiguous stride that overflows 64 bits (libtorch computes strides as the product of the later
    /// dimensions, zeros counted as ones, so <c>[0, 2^62, 2^62]</c> overflows with no element at all), or more
    /// bytes than <see cref="MaxTensorBytes"/>.
    /// </summary>
    public static string? Problem(IReadOnlyList<long> shape, int elementSize)
    {
        long strides = 1;
        foreach (var d in shape)
        {
            if (d < 0)
                return $"shape {Format(shape)} has a negative dimension";
            if (d > 1 && strides > long.MaxValue / d)
                return $"shape {Format(shape)} is too large: its element count or strides overflow 64 bits";
            strides *= d > 1 ? d : 1;
        }
        var numel = CheckedNumel(shape);
        if (numel > MaxTensorBytes / elementSize)
            return $"shape {Format(shape)} holds {numel:N0} elements of {elementSize} bytes, more than the " +
                   $"{MaxTensorBytes:N0} bytes (2 GiB) a tensor is read through; save it as smaller tensors";
        return null;
    }
}
