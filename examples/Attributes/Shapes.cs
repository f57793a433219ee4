using NetDsl;
using TorchSharp.Modules;

namespace NetDsl.Examples.Attributes;

// The C# form of examples/Networks/Shapes.net: the shape model and functions, and the same generated code. Methods on
// values, tuple bindings and arithmetic live in [Layers] strings; the structural ops as children have typed attributes.

/// <summary>MLP-Mixer's layer on [tokens, features]: sizes read with size(i), transposes as functions, two skips.</summary>
[Block, Parameter("hidden", 2)]
public partial class MixerLayer
{
    [Layers("""
        n = input.size(0)
        d = input.size(-1)
        tokens = input.transpose(0, 1) |> token_mix: (linear(n * hidden) |> gelu |> linear(n)) |> .transpose(0, 1)
        x = input + tokens
        x + (x |> channel_mix: (linear(d * hidden) |> gelu |> linear(d)))
        """)]
    partial void Body();
}

/// <summary>An image cut into patches, mixed, and classified from the first and last tokens.</summary>
[Network(3, 32, 32), Parameter("classes", 10), Parameter("dim", 32), Parameter("patch", 8)]
public partial class PatchMixer
{
    [Layers("""
        tokens = input |> stem: conv(dim, patch, stride: patch) |> .flatten(1) |> .transpose(0, 1)
        mixed = tokens |> layers: MixerLayer() * 2
        (left, right) = mixed.chunk(2, dim: -1)
        pooled = concat(left[0], right[-1])
        pooled * (relu6(pooled + 3) / 6) |> head: linear(classes) |> .log_softmax(-1)
        """)]
    partial void Body();
}

/// <summary>A sequence whose length t the data decides, up to <c>context</c>: a symbolic input size in a string.</summary>
[Network("t <= context", "features"), Parameter("context", 64), Parameter("features", 16), Parameter("heads", 4)]
public partial class SequenceHeads
{
    [Layers("""
        (q, k, v) = input |> qkv: linear(features * 3) |> .chunk(3, dim: -1)
        per_head = q.reshape(-1, heads, features / heads) |> permute(1, 0, 2)
        merged = per_head.permute(1, 0, 2).reshape(-1, features)
        (low, high) = v.split((4, features - 4), dim: 1)
        mixed = merged * 0.5 + k + concat(high, low, dim: -1)
        evens = mixed[:, 0::2]
        concat(evens[0], mixed[-1, 1::2], evens[-1]) |> out: linear(features) |> softmax
        """)]
    partial void Body();
}

/// <summary>The structural ops as children: typed attributes, counted as sample axes.</summary>
[Network(3, 16, 16), Parameter("classes", 10)]
public partial class ChannelsLast
{
    [Conv2d(8, 4, Stride = 4), Permute(1, 2, 0), Linear(16), GELU, Permute(2, 0, 1)]
    public partial Sequential Stem { get; }

    [Flatten(1), Transpose(0, 1), Slice(0, 0, Step = 2), Select(0, -1), Reshape(4, -1), Flatten, Linear("classes"), LogSoftmax]
    partial void Head();
}
