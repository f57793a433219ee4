using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace NetDsl.Runtime.Benchmarks;

/// <summary>BenchCnn.net written by hand in idiomatic TorchSharp: the same children, names and state_dict keys.</summary>
public sealed class HandWrittenCnn : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Module<Tensor, Tensor> flatten;
    private readonly Sequential classifier;

    public HandWrittenCnn(long classes = 10) : base(nameof(HandWrittenCnn))
    {
        features = Sequential(
            ("0", Conv2d(1, 16, 3, padding: 1)), ("1", BatchNorm2d(16)), ("2", ReLU()), ("3", MaxPool2d(2)),
            ("4", Conv2d(16, 32, 3, padding: 1)), ("5", BatchNorm2d(32)), ("6", ReLU()), ("7", MaxPool2d(2)));
        flatten = Flatten();
        classifier = Sequential(("0", Dropout(0.25)), ("1", Linear(32 * 7 * 7, 128)), ("2", ReLU()), ("3", Linear(128, classes)));
        register_module("features", features);
        register_module("1", flatten);
        register_module("classifier", classifier);
    }

    public override Tensor forward(Tensor input) => classifier.call(flatten.call(features.call(input)));
}
