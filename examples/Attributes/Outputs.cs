using NetDsl;
using TorchSharp.Modules;

namespace NetDsl.Examples.Attributes;

// Several outputs in the C# form: examples/Networks/Outputs.net, and the same generated code.

/// <summary>The auxiliary classifier: a pooled 1x1 convolution and a linear layer.</summary>
[Block, Parameter("classes")]
public partial class AuxHead
{
    [Layers("avgpool(2) |> conv: conv(16, 1) |> relu |> flatten |> fc: linear(classes)")]
    partial void Body();
}

/// <summary>
/// Two outputs, named by <see cref="OutputAttribute"/>s in order: <c>logits</c>, the main one, and <c>aux</c>, which
/// exists only while training. The module returns <see cref="TwoHeadsOutput"/>.
/// </summary>
[Network(1, 28, 28), Parameter("classes", 10)]
[Output("logits", "x"), Output("aux", "a", WhileTraining = true)]
public partial class TwoHeads
{
    [Conv2d(16, 3, Padding = 1), ReLU, MaxPool2d(2)]
    public partial Sequential Stem { get; }

    [Layers("""
        a = aux: AuxHead(classes)
        features: (conv(32, 3, padding: 1) |> relu |> maxpool(2))
        x = global_avgpool |> fc: linear(classes)
        """)]
    partial void Heads();
}
