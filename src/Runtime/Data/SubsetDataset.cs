using System;
using System.Collections.Generic;

namespace NetDsl.Runtime.Data;

/// <summary>A view of some samples of another dataset, in a given order (see <see cref="DatasetExtensions.Split"/>).</summary>
public sealed class SubsetDataset : IDataset
{
    private readonly IDataset _source;
    private readonly long[] _indices;

    public SubsetDataset(IDataset source, IReadOnlyList<long> indices)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _indices = new long[indices.Count];
        for (var i = 0; i < _indices.Length; i++)
        {
            var index = indices[i];
            if (index < 0 || index >= source.Count)
                throw new ArgumentOutOfRangeException(nameof(indices), $"sample {index} does not exist: the source has {source.Count} samples");
            _indices[i] = index;
        }
    }

    public long Count => _indices.Length;

    public IReadOnlyList<string>? Classes => _source.Classes;

    public Batch GetBatch(IReadOnlyList<long> indices) => _source.GetBatch(Map(indices));

    public bool ReadsAhead => _source.ReadsAhead;

    public SampleBlock ReadSamples(IReadOnlyList<long> indices) => _source.ReadSamples(Map(indices));

    private long[] Map(IReadOnlyList<long> indices)
    {
        var mapped = new long[indices.Count];
        for (var i = 0; i < mapped.Length; i++)
        {
            var index = indices[i];
            if (index < 0 || index >= _indices.Length)
                throw new ArgumentOutOfRangeException(nameof(indices), $"sample {index} does not exist: the subset has {_indices.Length} samples");
            mapped[i] = _indices[index];
        }
        return mapped;
    }
}
