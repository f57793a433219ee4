using NetDsl;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NetDsl.Examples.Attributes;

/// <summary>
/// ResNet-20 for 32x32 images (He et al. 2016, section 4.2): three stages of three basic blocks with 16, 32 and 64
/// filters. The twin of examples/Networks/ResNet.net, with torchvision's names: <c>conv1.weight</c>, <c>bn1.running_var</c>,
/// <c>layer2.0.downsample.0.weight</c>, <c>fc.bias</c>.
/// </summary>
[Network(3, 32, 32), Parameter("classes", 10), Parameter("blocks", 3)]
public partial class ResNet20
{
    [Conv2d(16, 3, Padding = 1, Bias = false, Label = "conv1"), BatchNorm2d(Label = "bn1"), ReLU]
    partial void Stem();

    [Call(typeof(Stage), 16, 1, "blocks")]
    public partial Stage Layer1 { get; }

    [Call(typeof(Stage), 32, 2, "blocks")]
    public partial Stage Layer2 { get; }

    [Call(typeof(Stage), 64, 2, "blocks")]
    public partial Stage Layer3 { get; }

    [GlobalAvgPool2d]
    partial void Pool();

    [Linear("classes")]
    public partial Module<Tensor, Tensor> Fc { get; }
}
