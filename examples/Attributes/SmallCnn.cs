using NetDsl;
using TorchSharp.Modules;

namespace NetDsl.Examples.Attributes;

/// <summary>
/// A small CNN for 28x28 grey images (Fashion-MNIST): two conv stages, then a classifier. The twin of
/// examples/Networks/SmallCnn.net; state_dict keys <c>features.0.weight</c> ... <c>classifier.3.bias</c>.
/// </summary>
[Network(1, 28, 28), Parameter("classes", 10)]
public partial class SmallCnn
{
    [Conv2d(32, 3, Padding = 1), BatchNorm2d, ReLU, MaxPool2d(2)]
    [Conv2d(64, 3, Padding = 1), BatchNorm2d, ReLU, MaxPool2d(2)]
    public partial Sequential Features { get; }

    [Flatten]
    partial void Flatten();

    [Linear(128), ReLU, Dropout(0.5), Linear("classes")]
    public partial Sequential Classifier { get; }
}
