using System;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Sample orders that depend only on (seed, epoch): the same on every run, every machine and every .NET version, and
/// nothing to save in a checkpoint. SplitMix64 feeding a Fisher–Yates shuffle.
/// </summary>
internal static class Shuffling
{
    public static long[] Permutation(long count, long seed, long epoch)
    {
        if (count > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(count), "more than 2^31 samples");
        var order = new long[count];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        var state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)epoch * 0xD1B54A32D192ED03UL ^ 0x2545F4914F6CDD1DUL);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (long)(Next(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private static ulong Next(ref ulong state)
    {
        unchecked
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
