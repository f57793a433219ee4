using NetDsl;

namespace NetDsl.Examples.Attributes;

/// <summary>
/// The basic residual block of ResNet-20 (He et al. 2016): two 3x3 convolutions and a shortcut, a 1x1 projection
/// when the shape changes. A branch and a merge are written in the NetDsl language, in a [Layers] string.
/// </summary>
[Block, Parameter("f"), Parameter("stride", 1)]
public partial class Basic
{
    [Layers("""
        shortcut = input |> downsample: (conv(f, 1, stride: stride, bias: false) |> bn) if stride != 1 or input.channels != f
        main = input |> conv1: conv(f, 3, stride: stride, padding: 1, bias: false) |> bn1: bn |> relu
                     |> conv2: conv(f, 3, padding: 1, bias: false) |> bn2: bn
        main + shortcut |> relu
        """)]
    partial void Residual();
}
