using System;

namespace NetDsl.Runtime.Weights.Formats;

internal static class ByteOrder
{
    /// <summary>Reverses the bytes of every element in place (big-endian storages on a little-endian machine).</summary>
    public static void Swap(Span<byte> bytes, int elementSize)
    {
        for (var at = 0; at + elementSize <= bytes.Length; at += elementSize)
            bytes.Slice(at, elementSize).Reverse();
    }
}
