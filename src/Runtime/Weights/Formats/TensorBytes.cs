using System;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights.Formats;

/// <summary>A CPU, contiguous tensor to write, with its bytes (owned by the writer's caller until the write ends).</summary>
internal sealed class TensorBytes : IDisposable
{
    private readonly Tensor _tensor;
    private readonly bool _owned;

    public TensorBytes(Tensor source)
    {
        if (!DTypes.IsSupported(source.dtype))
            throw new WeightFormatException($"a tensor of dtype {source.dtype} cannot be written; weight files hold float, int, uint8 and bool tensors.");
        var cpu = source.device_type == TorchSharp.DeviceType.CPU ? source : source.cpu();
        var contiguous = cpu.is_contiguous() ? cpu : cpu.contiguous();
        if (!ReferenceEquals(cpu, source) && !ReferenceEquals(contiguous, cpu))
            cpu.Dispose();
        _tensor = contiguous;
        _owned = !ReferenceEquals(contiguous, source);
        Shape = source.shape;
        DType = source.dtype;
        Numel = source.numel();
    }

    public long[] Shape { get; }

    public ScalarType DType { get; }

    public long Numel { get; }

    public ReadOnlySpan<byte> Bytes => Numel == 0 ? ReadOnlySpan<byte>.Empty : _tensor.bytes;

    public void Dispose()
    {
        if (_owned)
            _tensor.Dispose();
    }
}
