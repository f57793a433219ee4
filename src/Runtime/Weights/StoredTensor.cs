using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// One tensor in a weight file, described without reading it: its key, shape and dtype (all checked against the file
/// when it was opened). <see cref="Read"/> reads it into a new CPU tensor.
/// </summary>
public abstract class StoredTensor
{
    private protected StoredTensor(string name, IReadOnlyList<long> shape, ScalarType dtype)
    {
        Name = name;
        Shape = shape;
        DType = dtype;
    }

    /// <summary>The key in the file (for Keras files, <c>layer/weight</c>, e.g. <c>block1_conv1/kernel:0</c>).</summary>
    public string Name { get; }

    /// <summary>The shape as stored (Keras layout for Keras files).</summary>
    public IReadOnlyList<long> Shape { get; }

    public ScalarType DType { get; }

    /// <summary>Reads the tensor into a new, contiguous CPU tensor that the caller owns.</summary>
    /// <exception cref="WeightFormatException">The data is truncated or corrupted.</exception>
    public abstract Tensor Read();

    public override string ToString() => $"{Name} {DTypes.Name(DType)} {Shapes.Format(Shape)}";
}
