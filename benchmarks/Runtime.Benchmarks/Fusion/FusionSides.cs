using System;
using NetDsl.Runtime.Benchmarks.TorchVision;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Benchmarks.Fusion;

/// <summary>
/// The four sides of a fusion comparison, all loaded with the same PyTorch-saved weights and run on the same input in
/// evaluation without gradients: the generated module as it is, after <c>FuseForInference()</c>, after
/// <c>FuseForInference(channelsLast: true)</c>, and TorchSharp's TorchVision model. Building them checks that the fused
/// outputs agree with the unfused ones within 1e-5 (relative to the largest output).
/// </summary>
public sealed class FusionSides
{
    /// <summary>The libtorch intra-op threads every fusion measurement runs with (issue #16: two threads).</summary>
    public const int Threads = 2;

    public FusionSides(string caseName)
    {
        torch.set_num_threads(Threads);
        var comparison = ComparisonCase.Named(caseName);
        Unfused = comparison.Side("generated");
        Fused = comparison.Side("generated");
        FusedChannelsLast = comparison.Side("generated");
        TorchVision = comparison.Side("torchvision");
        ((INetwork)Fused.Model).FuseForInference();
        ((INetwork)FusedChannelsLast.Model).FuseForInference(channelsLast: true);
        Check(Fused, "fused");
        Check(FusedChannelsLast, "fused, channels-last");
        Check(TorchVision, "TorchVision");
    }

    public ComparisonSide Unfused { get; }

    public ComparisonSide Fused { get; }

    public ComparisonSide FusedChannelsLast { get; }

    public ComparisonSide TorchVision { get; }

    /// <summary>The largest difference from the unfused outputs, relative to their largest magnitude; throws beyond 1e-5.</summary>
    private void Check(ComparisonSide side, string what)
    {
        using var scope = NewDisposeScope();
        var expected = Unfused.Outputs();
        var actual = side.Outputs();
        var difference = (actual - expected).abs().max().item<float>() / expected.abs().max().item<float>();
        if (!(difference <= 1e-5)) throw new InvalidOperationException($"{what}: outputs differ from the unfused module's by {difference:E2} (relative), over 1e-5");
        Console.WriteLine($"{what}: outputs within {difference:E2} (relative) of the unfused module's");
    }
}
