using System;
using System.Linq;
using TorchSharp;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Samples read into managed memory, not yet tensors: inputs as float32 laid out <c>[N, ...SampleShape]</c> and
/// int64 labels. Produced off the training thread by <see cref="IDataset.ReadSamples"/>.
/// </summary>
public sealed class SampleBlock
{
    public SampleBlock(float[] inputs, long[] sampleShape, long[] labels, Func<torch.Tensor, torch.Tensor>? sampleTransform = null)
    {
        var sampleLength = sampleShape.Aggregate(1L, (a, b) => a * b);
        if (inputs.LongLength != sampleLength * labels.LongLength)
            throw new ArgumentException($"{inputs.Length} input values are not {labels.Length} samples of [{string.Join(", ", sampleShape)}]");
        Inputs = inputs;
        SampleShape = sampleShape;
        Labels = labels;
        SampleTransform = sampleTransform;
    }

    public float[] Inputs { get; }

    public long[] SampleShape { get; }

    public long[] Labels { get; }

    /// <summary>Applied to each sample when the block becomes a batch.</summary>
    public Func<torch.Tensor, torch.Tensor>? SampleTransform { get; }

    public int Count => Labels.Length;

    /// <summary>Makes the tensors (on the calling thread); the caller owns the batch.</summary>
    public Batch ToBatch()
    {
        TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        var inputs = torch.tensor(Inputs, new[] { (long)Count }.Concat(SampleShape).ToArray());
        if (SampleTransform is { } transform)
            inputs = torch.stack(inputs.unbind(0).Select(transform).ToArray());
        var labels = torch.tensor(Labels, torch.int64);
        return new Batch(inputs.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }
}
