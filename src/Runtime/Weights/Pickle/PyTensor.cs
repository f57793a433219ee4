using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights.Pickle;

/// <summary>
/// A tensor rebuilt by <c>torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)</c>: a strided view of
/// a storage, already checked to stay inside it.
/// </summary>
internal sealed record PyTensor(PyStorage Storage, long Offset, long[] Size, long[] Stride)
{
    public ScalarType DType => Storage.DType;
}
