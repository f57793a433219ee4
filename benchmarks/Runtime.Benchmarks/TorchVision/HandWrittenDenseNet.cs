using System.Collections.Generic;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NetDsl.Runtime.Benchmarks.TorchVision;

/// <summary>
/// torchvision's densenet121 written by hand in TorchSharp the way the TorchVision package writes its models (that
/// package has no DenseNet): the same modules, forward and state_dict keys as torchvision's Python source
/// (growth 32, blocks of 6, 12, 24 and 16 layers, bottleneck 4 x growth, compression 0.5), in-place ReLUs, and one
/// dispose scope for the intermediates of a forward, as TorchVision's ResNet has.
/// </summary>
public sealed class HandWrittenDenseNet : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear classifier;

    public HandWrittenDenseNet(long classes = 1000, long growth = 32, long bnSize = 4) : base("DenseNet")
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>
        {
            ("conv0", Conv2d(3, 64, 7, stride: 2, padding: 3, bias: false)),
            ("norm0", BatchNorm2d(64)),
            ("relu0", ReLU(inplace: true)),
            ("pool0", MaxPool2d(3, stride: 2, padding: 1)),
        };
        long channels = 64;
        var blocks = new[] { 6, 12, 24, 16 };
        for (var i = 0; i < blocks.Length; i++)
        {
            layers.Add(($"denseblock{i + 1}", new DenseBlock(blocks[i], channels, growth, bnSize)));
            channels += blocks[i] * growth;
            if (i == blocks.Length - 1) break;
            layers.Add(($"transition{i + 1}", Sequential(
                ("norm", BatchNorm2d(channels)), ("relu", ReLU(inplace: true)),
                ("conv", Conv2d(channels, channels / 2, 1, bias: false)), ("pool", AvgPool2d(2, stride: 2)))));
            channels /= 2;
        }
        layers.Add(("norm5", BatchNorm2d(channels)));
        features = Sequential(layers);
        classifier = Linear(channels, classes);
        register_module("features", features);
        register_module("classifier", classifier);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = functional.relu(features.call(input), inplace: true);
        x = functional.adaptive_avg_pool2d(x, new long[] { 1, 1 });
        x = torch.flatten(x, 1);
        return classifier.call(x).MoveToOuterDisposeScope();
    }

    /// <summary>torchvision's _DenseBlock: every layer reads the concatenation of the block's input and all earlier layers' outputs.</summary>
    private sealed class DenseBlock : Module<Tensor, Tensor>
    {
        private readonly List<DenseLayer> _layers = new();

        public DenseBlock(int count, long channels, long growth, long bnSize) : base("DenseBlock")
        {
            for (var i = 0; i < count; i++)
            {
                var layer = new DenseLayer(channels + i * growth, growth, bnSize);
                _layers.Add(layer);
                register_module($"denselayer{i + 1}", layer);
            }
        }

        public override Tensor forward(Tensor input)
        {
            var features = new List<Tensor> { input };
            foreach (var layer in _layers) features.Add(layer.call(features.ToArray()));
            return torch.cat(features, 1);
        }
    }

    /// <summary>torchvision's _DenseLayer: concatenate, then norm1, relu1, conv1 (1x1 bottleneck), norm2, relu2, conv2 (3x3).</summary>
    private sealed class DenseLayer : Module<Tensor[], Tensor>
    {
        private readonly BatchNorm2d norm1;
        private readonly ReLU relu1;
        private readonly Conv2d conv1;
        private readonly BatchNorm2d norm2;
        private readonly ReLU relu2;
        private readonly Conv2d conv2;

        public DenseLayer(long inputs, long growth, long bnSize) : base("DenseLayer")
        {
            norm1 = BatchNorm2d(inputs);
            relu1 = ReLU(inplace: true);
            conv1 = Conv2d(inputs, bnSize * growth, 1, bias: false);
            norm2 = BatchNorm2d(bnSize * growth);
            relu2 = ReLU(inplace: true);
            conv2 = Conv2d(bnSize * growth, growth, 3, padding: 1, bias: false);
            RegisterComponents();
        }

        public override Tensor forward(Tensor[] previous)
        {
            var concatenated = torch.cat(previous, 1);
            var bottleneck = conv1.call(relu1.call(norm1.call(concatenated)));
            return conv2.call(relu2.call(norm2.call(bottleneck)));
        }
    }
}
