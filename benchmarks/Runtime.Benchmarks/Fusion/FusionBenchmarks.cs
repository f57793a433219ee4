using BenchmarkDotNet.Attributes;

namespace NetDsl.Runtime.Benchmarks.Fusion;

/// <summary>
/// Eval-time conv + batch-norm fusion (issue #16, item 6): the zoo's ResNet-50 (batch 8) and MobileNet v2 (batch 1) at
/// 224x224, two threads, unfused (the baseline of the Ratio column), fused, fused with channels-last, and TorchVision's
/// model with the same weights. Run through Fusion/run.sh (it saves the weights first).
/// </summary>
public class FusionBenchmarks
{
    private FusionSides _sides = null!;

    [Params("resnet50-eval-b8", "mobilenetv2-eval-b1")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _sides = new FusionSides(Case);

    [Benchmark(Baseline = true)]
    public float Unfused() => _sides.Unfused.Run();

    [Benchmark]
    public float Fused() => _sides.Fused.Run();

    [Benchmark]
    public float FusedChannelsLast() => _sides.FusedChannelsLast.Run();

    [Benchmark]
    public float TorchVision() => _sides.TorchVision.Run();
}
