using NetDsl.DslTests.Infrastructure;
using Xunit;

namespace NetDsl.DslTests;

/// <summary>
/// Which conv and batch-norm pairs the generated code can fold for inference (src/Dsl/Semantics/BatchNormFolding.cs),
/// seen in the modules it builds: a pair gets FoldingConv2d and FoldedBatchNorm, anything else the plain modules.
/// tests/Runtime.Tests/Inference/FusionTests run the folded modules.
/// </summary>
public sealed class BatchNormFoldingTests
{
    private static string Class(string source, string file)
    {
        var result = TestCompiler.Compile(source);
        result.AssertNoDiagnostics();
        return result.Source(file);
    }

    [Fact]
    public void A_conv_read_only_by_a_batch_norm_folds_it()
    {
        var code = Class("block B = conv(4, 3, padding: 1, bias: false) |> bn |> relu", "B.g.cs");
        Assert.Contains("_0 = NetDslLayers.FoldingConv2d(input, 4, (3, 3), (1, 1), Padding.Explicit(1, 1), (1, 1), 1, false);", code);
        Assert.Contains("_1 = NetDslLayers.FoldedBatchNorm(_0, s1, eps: 1E-05, momentum: 0.1);", code);
        Assert.DoesNotContain("nn.Conv2d(input.Channels", code);
    }

    [Fact]
    public void Depthwise_convs_and_batch_norms_without_weight_fold_inside_a_sequential()
    {
        var code = Class("block B = body: (depthwise(3, padding: same) |> bn(eps: 1e-3, scale: false) |> relu6)", "B.g.cs");
        Assert.Contains("= NetDslLayers.FoldingConv2d(input, input.Channels * 1, (3, 3), (1, 1), Padding.Same, (1, 1), input.Channels, true);", code);
        Assert.Contains("= NetDslLayers.FoldedBatchNorm(body1Layer1, body1Shape1, eps: 0.001, momentum: 0.1, scale: false);", code);
    }

    [Fact]
    public void A_conv_whose_output_another_reader_needs_keeps_its_batch_norm()
    {
        var code = Class("block B { x = input |> conv(4, 1)\n y = x |> bn\n y + x }", "B.g.cs");
        Assert.DoesNotContain("Folding", code);
        Assert.Contains("NetDslLayers.BatchNorm(", code);
    }

    [Fact]
    public void A_returned_conv_output_or_an_optional_batch_norm_is_not_folded()
    {
        Assert.DoesNotContain("Folding", Class("block B(on = true) = conv(4, 1) |> bn if on", "B.g.cs"));
        Assert.DoesNotContain("Folding", Class("block B = linear(4) |> bn", "B.g.cs"));
        Assert.DoesNotContain("Folding", Class("block B = conv(4, 1) |> relu |> bn", "B.g.cs"));
    }

    [Fact]
    public void Every_network_offers_FuseForInference()
    {
        var code = Class("network N {\n input [3, 8, 8]\n conv(4, 3) |> bn\n}", "N.g.cs");
        Assert.Contains("public void FuseForInference(bool channelsLast = false) => NetDslLayers.FuseForInference(this, channelsLast);", code);
    }
}
