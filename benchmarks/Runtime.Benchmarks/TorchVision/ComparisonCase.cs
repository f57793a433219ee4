using System;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Weights;
using NetDsl.Zoo;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks.TorchVision;

/// <summary>
/// One work item of the torchvision comparison: a generated module and TorchSharp's own implementation (the TorchVision
/// package; DenseNet-121, which it lacks, hand-written in its style), loaded with the same PyTorch-saved weights
/// (TorchVision/save_weights.py), run on the same input.
/// </summary>
public sealed record ComparisonCase(string Name, string WeightFile, long[] Input, bool Trains, Func<nn.Module<Tensor, Tensor>> Generated, Func<nn.Module<Tensor, Tensor>> TorchVision)
{
    public static readonly ComparisonCase[] All =
    {
        new("resnet50-eval-b8", "resnet50.pt", new long[] { 8, 3, 224, 224 }, false, () => new ResNet50(), () => torchvision.models.resnet50()),
        new("mobilenetv2-eval-b1", "mobilenet_v2.pt", new long[] { 1, 3, 224, 224 }, false, () => new MobileNetV2(), () => torchvision.models.mobilenet_v2()),
        new("resnet18-train-b32", "resnet18.pt", new long[] { 32, 3, 64, 64 }, true, () => new ResNet18(size: 64), () => torchvision.models.resnet18()),
        new("densenet121-eval-b4", "densenet121.pt", new long[] { 4, 3, 224, 224 }, false, () => new DenseNet121(), () => new HandWrittenDenseNet()),
    };

    public static ComparisonCase Named(string name) =>
        Array.Find(All, c => c.Name == name) ?? throw new ArgumentException($"no case '{name}'; cases: {string.Join(", ", Array.ConvertAll(All, c => c.Name))}");

    /// <summary>The folder holding the weight files: NETDSL_BENCH_WEIGHTS, else ~/.cache/netdsl/bench-weights.</summary>
    public static string WeightFolder =>
        Environment.GetEnvironmentVariable("NETDSL_BENCH_WEIGHTS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "netdsl", "bench-weights");

    /// <summary>One side, built, loaded and ready to run: "generated" or "torchvision".</summary>
    public ComparisonSide Side(string side)
    {
        TorchNative.EnsureLoaded();
        var model = side switch
        {
            "generated" => Generated(),
            "torchvision" => TorchVision(),
            _ => throw new ArgumentException($"side '{side}': generated or torchvision"),
        };
        var path = Path.Combine(WeightFolder, WeightFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: run TorchVision/run.sh (or save_weights.py) first", path);
        model.LoadWeights(path);
        return new ComparisonSide(model, Input, Trains);
    }
}
