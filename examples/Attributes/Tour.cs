using NetDsl;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NetDsl.Examples.Attributes;

// A tour of the C# form: every construct of examples/Networks/Tour.net, and the same generated code.

/// <summary>A residual block written as one NetDsl expression.</summary>
[Block, Parameter("f")]
public partial class Res
{
    [Layers("input + (input |> conv(f, 3, padding: 1) |> bn |> relu |> conv(f, 3, padding: 1) |> bn)")]
    partial void Body();
}

/// <summary>SqueezeNet's Fire module: a labelled typed layer, then a concat of two labelled branches.</summary>
[Block, Parameter("s"), Parameter("e1"), Parameter("e3")]
public partial class Fire
{
    [Conv2d("s", 1, Label = "squeeze"), ReLU]
    partial void Squeeze();

    [Layers("concat(expand1x1: conv(e1, 1) |> relu, expand3x3: conv(e3, 3, padding: 1) |> relu)")]
    partial void Expand();
}

/// <summary>Squeeze-and-excitation: sizes of the input (<c>input.channels</c>) and a parameter with a default.</summary>
[Block, Parameter("rate", 16)]
public partial class SE
{
    [Layers("input * (input |> global_avgpool |> linear(input.channels / rate) |> relu |> linear(input.channels) |> sigmoid)")]
    partial void Body();
}

/// <summary>Xception's entry block: a named value, an optional layer, 'same' padding, a default from another parameter.</summary>
[Block, Parameter("f1"), Parameter("f2", "f1"), Parameter("pre_relu", true)]
public partial class Down
{
    [Layers("""
        shortcut = input |> conv(f2, 1, stride: 2, bias: false) |> bn
        input |> relu if pre_relu |> sepconv(f1, 3, padding: same, bias: false) |> bn(eps: 0.001) |> relu
              |> sepconv(f2, 3, padding: same, bias: false) |> bn(eps: 0.001)
              |> maxpool(3, stride: 2, padding: same) + shortcut
        """)]
    partial void Body();
}

/// <summary>A block with two inputs (a NASNet-style cell).</summary>
[Block("x", "prev"), Parameter("f", 8)]
public partial class Cell
{
    [Layers("concat(x |> depthwise(3, padding: 1) |> conv(f, 1), prev |> avgpool(3, stride: 1, padding: 1) |> conv(f, 1))")]
    partial void Body();
}

/// <summary>MobileNet v2's inverted residual: a named number, an optional group, and a value chosen with if/else.</summary>
[Block, Parameter("f"), Parameter("stride", 1), Parameter("t", 6)]
public partial class Inverted
{
    [Layers("""
        hidden = input.channels * t
        body = input |> conv: (conv(hidden, 1, bias: false) |> bn |> relu6) if t != 1 |> depthwise(3, stride: stride, padding: 1, bias: false) |> conv(f, 1, bias: false) |> bn
        input + body if stride == 1 and input.channels == f else body
        """)]
    partial void Body();
}

/// <summary>DenseNet's layer: its input concatenated with new features.</summary>
[Block, Parameter("growth", 8)]
public partial class DenseLayer
{
    [Layers("concat(input, input |> norm: bn |> relu |> conv: conv(growth, 3, padding: 1, bias: false))")]
    partial void Body();
}

/// <summary>
/// The network: typed stages, block calls, repetitions (unrolled, as copies named <c>layer1</c>, <c>layer2</c>, as copies
/// numbered on with a group's children, none at all), labels that are no C# names (<c>block1-0</c>), copies named by a
/// template (<c>encoder_0</c>, <c>encoder_1</c>), copies that read their index, functions on numbers,
/// parallel copies, a named value and a tuple into a two-input block.
/// </summary>
[Network(3, 32, 32), Parameter("classes", 10), Parameter("width", 1.0, Type = typeof(double))]
public partial class Tour
{
    [Layers("(conv(16, 3, padding: 1) |> relu) * 2"), Conv2d(32, 3, Padding = 1), BatchNorm2d, ReLU, MaxPool2d(2)]
    public partial Sequential Features { get; }

    [Layers("Inverted(32, t: 1)"), Call(typeof(Inverted), 32), Layers("Inverted(32, stride: 2)"), Call(typeof(Inverted), 32)]
    partial void MobileStages();

    [Call(typeof(DenseLayer), 4, Repeat = 2, Label = "layer*")]
    partial void Dense();

    [Conv2d(32, 1, Label = "block1-0"), Call(typeof(Res), 32, Repeat = 2, Label = "encoder_{i}")]
    partial void Keys();

    [Layers("""
        "widen{j}": conv(max(16, round(32 * width)) if j == 0 else 16, 1) for j in 2
        """)]
    partial void Widen();

    [Conv2d(32, 1), Call(typeof(Res), 32, Repeat = 2, Label = "*")]
    public partial Module<Tensor, Tensor> Stage { get; }

    [ZeroPad2d(4, Repeat = 0), Conv2d(32, 1)]
    partial void Squeeze1x1();

    [Call(typeof(Res), 32, Repeat = 2)]
    partial void Residuals();

    [Call(typeof(Fire), 16, 32, 32)]
    partial void SqueezeExpand();

    [Call(typeof(SE))]
    partial void Excite();

    [Layers("Down(64, pre_relu: false)")]
    partial void Entry();

    [Layers("x = add(branches: parallel 4 { conv(8, 1) |> relu |> conv(64, 3, padding: 1) })")]
    partial void Branches();

    [Layers("(x, x) |> Cell(16)")]
    partial void Cells();

    [ZeroPad2d(0, 1, 0, 1), Conv2d(32, 2), Flatten, Reshape(32, 4, 4), GlobalMaxPool2d]
    partial void Head();

    [Dropout(0.5), Linear("classes"), Softmax]
    public partial Sequential Classifier { get; }
}
