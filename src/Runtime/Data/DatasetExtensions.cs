using System;
using System.Linq;

namespace NetDsl.Runtime.Data;

public static class DatasetExtensions
{
    /// <summary>
    /// Splits a dataset into two disjoint parts of <paramref name="firstCount"/> and <c>Count - firstCount</c>
    /// samples, drawn in a random order fixed by <paramref name="seed"/> (the same seed always gives the same split).
    /// </summary>
    public static (SubsetDataset First, SubsetDataset Second) Split(this IDataset dataset, long firstCount, int seed = 0)
    {
        if (firstCount < 0 || firstCount > dataset.Count)
            throw new ArgumentOutOfRangeException(nameof(firstCount), $"cannot take {firstCount} of {dataset.Count} samples");
        var order = Shuffling.Permutation(dataset.Count, seed, 0);
        return (new SubsetDataset(dataset, order.Take((int)firstCount).ToArray()),
                new SubsetDataset(dataset, order.Skip((int)firstCount).ToArray()));
    }

    /// <summary>The first <paramref name="count"/> samples (or all, if there are fewer), in order.</summary>
    public static SubsetDataset Take(this IDataset dataset, long count)
    {
        var n = Math.Min(Math.Max(count, 0), dataset.Count);
        var indices = new long[n];
        for (var i = 0; i < n; i++)
            indices[i] = i;
        return new SubsetDataset(dataset, indices);
    }
}
