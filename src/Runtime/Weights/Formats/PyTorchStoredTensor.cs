using System;
using System.Linq;
using NetDsl.Runtime.Weights.Pickle;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights.Formats;

/// <summary>
/// A tensor of a PyTorch archive: a strided view (offset, size, stride) of a storage record. Reading copies only the
/// elements the view spans from the mapped file into a new tensor, swaps bytes for big-endian archives, and makes
/// the result contiguous; views sharing a storage each read their own part.
/// </summary>
internal sealed class PyTorchStoredTensor : StoredTensor
{
    private readonly PyTensor _tensor;
    private readonly StorageRecords _records;
    private readonly bool _bigEndian;

    public PyTorchStoredTensor(string name, PyTensor tensor, StorageRecords records, bool bigEndian)
        : base(name, tensor.Size, tensor.DType)
    {
        _tensor = tensor;
        _records = records;
        _bigEndian = bigEndian;
    }

    public override Tensor Read()
    {
        var size = _tensor.Size;
        var numel = Shapes.CheckedNumel(size);
        if (numel == 0)
            return empty(size, DType);
        var entry = _records.Get(_tensor.Storage.Key);
        long extent = 1;
        for (var i = 0; i < size.Length; i++)
            extent += (size[i] - 1) * _tensor.Stride[i];
        var elementSize = DTypes.ElementSize(DType);
        if (extent > Shapes.MaxTensorBytes / elementSize)
            throw new WeightFormatException($"tensor '{Name}' spans {extent:N0} elements of its storage, more than the " +
                                            $"{Shapes.MaxTensorBytes:N0} bytes (2 GiB) a tensor is read through.", _records.File.Path);

        var span = empty(extent, DType);
        try
        {
            var bytes = span.bytes;
            _records.File.Read(entry.DataOffset + _tensor.Offset * elementSize, bytes, $"tensor '{Name}'");
            if (_bigEndian && elementSize > 1)
                ByteOrder.Swap(bytes, elementSize);
            if (extent == numel && IsContiguous(size, _tensor.Stride))
            {
                var shaped = span.reshape(size);
                if (!ReferenceEquals(shaped, span))
                    span.Dispose();
                return shaped;
            }
            // contiguous() of a strided view is already a new tensor: one copy, not two.
            using var view = span.as_strided(size, _tensor.Stride, 0);
            var result = view.contiguous();
            span.Dispose();
            return result;
        }
        catch
        {
            span.Dispose();
            throw;
        }
    }

    private static bool IsContiguous(long[] size, long[] stride)
    {
        long expected = 1;
        for (var i = size.Length - 1; i >= 0; i--)
        {
            if (size[i] != 1 && stride[i] != expected)
                return false;
            expected *= size[i];
        }
        return true;
    }
}
