using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace NetDsl.Runtime.Benchmarks.TorchVision;

/// <summary>
/// Generated modules against TorchSharp's own models (<see cref="ComparisonCase"/>), TorchVision the baseline, so the
/// Ratio column is generated / TorchVision. Run through TorchVision/run.sh (it saves the weights first).
/// </summary>
public class TorchVisionBenchmarks
{
    private ComparisonSide _generated = null!;
    private ComparisonSide _torchVision = null!;

    public static IEnumerable<string> Cases => ComparisonCase.All.Select(c => c.Name);

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var comparison = ComparisonCase.Named(Case);
        _torchVision = comparison.Side("torchvision");
        _generated = comparison.Side("generated");
    }

    [Benchmark(Baseline = true)]
    public float TorchVision() => _torchVision.Run();

    [Benchmark]
    public float Generated() => _generated.Run();
}
