using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights.Keras;

/// <summary>A Keras weight seen in PyTorch's layout: its converted shape, and a conversion applied when it is read.</summary>
internal sealed class TransformedStoredTensor : StoredTensor
{
    private readonly StoredTensor _source;
    private readonly Func<Tensor, Tensor> _convert;

    public TransformedStoredTensor(StoredTensor source, IReadOnlyList<long> shape, Func<Tensor, Tensor> convert)
        : base(source.Name, shape, source.DType)
    {
        _source = source;
        _convert = convert;
    }

    public override Tensor Read()
    {
        using var raw = _source.Read();
        using var converted = _convert(raw);
        return converted.contiguous().clone();
    }
}
