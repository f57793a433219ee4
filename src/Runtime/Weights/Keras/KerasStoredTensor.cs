using System;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights.Keras;

/// <summary>
/// A Keras weight in Keras' layout, read from the .h5 file when it was opened (its size was checked against the
/// file first). <see cref="ShortName"/> is the weight's own name without the layer path and ":0" (kernel, bias,
/// gamma, depthwise_kernel, ...).
/// </summary>
internal sealed class KerasStoredTensor : StoredTensor
{
    private readonly float[]? _floats;
    private readonly double[]? _doubles;

    public KerasStoredTensor(string name, string shortName, long[] shape, float[] data)
        : base(name, shape, ScalarType.Float32)
    {
        ShortName = shortName;
        _floats = data;
    }

    public KerasStoredTensor(string name, string shortName, long[] shape, double[] data)
        : base(name, shape, ScalarType.Float64)
    {
        ShortName = shortName;
        _doubles = data;
    }

    public string ShortName { get; }

    public override Tensor Read()
    {
        var shape = new long[Shape.Count];
        for (var i = 0; i < shape.Length; i++)
            shape[i] = Shape[i];
        return _floats is not null ? tensor(_floats, shape) : tensor(_doubles ?? Array.Empty<double>(), shape);
    }
}
