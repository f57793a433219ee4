using NetDsl;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NetDsl.Examples.Attributes;

// The C# form of examples/Networks/Vision.net, generating the same code. Ops with parameters or another training
// behaviour have typed attributes ([ShiftedWindowAttention], [StochasticDepth], [BatchNorm2d(Scale = false)]);
// functions (channel_shuffle), tuple bindings and merges live in [Layers] strings.

/// <summary>A Swin-style residual block on [H, W, C]: window attention and an MLP, each dropped by stochastic depth.</summary>
[Block, Parameter("heads"), Parameter("shift", 0), Parameter("sd", 0.0)]
public partial class WindowBlock
{
    [Layers("""
        x = input + (input |> attn: window_attention(heads, 4, shift: shift) |> stochastic_depth(sd))
        x + (x |> mlp: (linear(2 * x.size(-1)) |> gelu |> linear(x.size(-1))) |> stochastic_depth(sd))
        """)]
    partial void Body();
}

/// <summary>Patch embedding to channels last, two window blocks, Swin's patch merging, a classifier.</summary>
[Network(3, 32, 32), Parameter("classes", 10), Parameter("dim", 16)]
public partial class TinySwin
{
    [Layers("""
        tokens = input |> embed: (conv(dim, 4, stride: 4) |> permute(1, 2, 0))
        x = tokens |> blocks: (WindowBlock(2) |> WindowBlock(2, shift: 2, sd: 0.1))
        merged = concat(x[0::2, 0::2], x[1::2, 0::2], x[0::2, 1::2], x[1::2, 1::2], dim: -1)
        merged |> reduction: linear(2 * dim, bias: false) |> .permute(2, 0, 1) |> global_avgpool |> head: linear(classes)
        """)]
    partial void Body();
}

/// <summary>The vision ops with typed attributes, as children.</summary>
[Network(3, 32, 32), Parameter("classes", 10)]
public partial class ShiftedStem
{
    [Conv2d(16, 4, Stride = 4), Permute(1, 2, 0)]
    public partial Sequential Stem { get; }

    [ShiftedWindowAttention(2, 4, Shift = 2)]
    public partial Module<Tensor, Tensor> Attn { get; }

    [StochasticDepth(0.1, Mode = "batch")]
    public partial Module<Tensor, Tensor> Drop { get; }

    [Roll(new[] { 1, 1 }, new[] { 0, 1 }), Permute(2, 0, 1), BatchNorm2d(Scale = false), Hardsigmoid, GlobalAvgPool2d, Linear("classes")]
    partial void Head();
}

/// <summary>ShuffleNet v2's down-sampling unit: both branches, then the channel shuffle.</summary>
[Block, Parameter("out")]
public partial class ShuffleDown
{
    [Layers("""
        f = out / 2
        concat(branch1: (depthwise(3, stride: 2, padding: 1, bias: false) |> bn |> conv(f, 1, bias: false) |> bn |> relu),
               branch2: (conv(f, 1, bias: false) |> bn |> relu |> depthwise(3, stride: 2, padding: 1, bias: false) |> bn
                         |> conv(f, 1, bias: false) |> bn |> relu))
        |> .channel_shuffle(2)
        """)]
    partial void Body();
}

/// <summary>ShuffleNet v2's basic unit: a channel split, one branch, the channel shuffle.</summary>
[Block]
public partial class ShuffleUnit
{
    [Layers("""
        f = input.channels / 2
        (a, b) = input.chunk(2)
        concat(a, b |> branch2: (conv(f, 1, bias: false) |> bn |> relu |> depthwise(3, padding: 1, bias: false) |> bn
                                 |> conv(f, 1, bias: false) |> bn |> relu))
        |> .channel_shuffle(2)
        """)]
    partial void Body();
}

/// <summary>MobileNet v3's squeeze-and-excitation with a hard-sigmoid gate.</summary>
[Block, Parameter("squeeze")]
public partial class HardGate
{
    [Layers("input * (input |> avgpool: adaptive_avgpool(1) |> fc1: conv(squeeze, 1) |> relu |> fc2: conv(input.channels, 1) |> hardsigmoid)")]
    partial void Body();
}

/// <summary>Keras' conv2d_bn of Inception-ResNet v2: batch norm without scale.</summary>
[Block, Parameter("f")]
public partial class KerasConvBn
{
    [Conv2d("f", 3, Padding = "same", Bias = false), BatchNorm2d(Eps = 0.001, Momentum = 0.01, Scale = false), ReLU]
    partial void Body();
}

/// <summary>A stem, ShuffleNet v2 units with a hard-sigmoid gate, a classifier.</summary>
[Network(3, 32, 32), Parameter("classes", 10)]
public partial class TinyShuffleNet
{
    [Call(typeof(KerasConvBn), 24)]
    public partial KerasConvBn Conv1 { get; }

    [Call(typeof(ShuffleDown), 48), Call(typeof(ShuffleUnit)), Call(typeof(HardGate), 8)]
    public partial Sequential Stage2 { get; }

    [GlobalAvgPool2d]
    partial void Pool();

    [Linear("classes")]
    public partial Module<Tensor, Tensor> Fc { get; }
}
