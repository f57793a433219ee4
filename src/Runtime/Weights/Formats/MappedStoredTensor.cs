using System.Collections.Generic;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights.Formats;

/// <summary>A contiguous little-endian tensor at a known offset of a memory-mapped file (safetensors, TorchSharp).</summary>
internal sealed class MappedStoredTensor : StoredTensor
{
    private readonly MappedFile _file;
    private readonly long _offset;

    public MappedStoredTensor(string name, IReadOnlyList<long> shape, ScalarType dtype, MappedFile file, long offset)
        : base(name, shape, dtype)
    {
        _file = file;
        _offset = offset;
    }

    public override Tensor Read()
    {
        var shape = new long[Shape.Count];
        for (var i = 0; i < shape.Length; i++)
            shape[i] = Shape[i];
        var tensor = empty(shape, DType);
        try
        {
            if (tensor.numel() > 0)
                _file.Read(_offset, tensor.bytes, $"tensor '{Name}'");
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }
}
