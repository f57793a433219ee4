using System.Linq;
using NetDsl.Zoo;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Zoo;

/// <summary>
/// EfficientNet B1, B3 and B7 are the zoo's one EfficientNet declaration (B0 by default, checked with the rest of the
/// zoo) built with torchvision's width and depth multipliers and dropout: each has torchvision 0.14's parameter and
/// batch-norm statistic counts; B1 and B3 also its state_dict (keys, order, shapes: Manifests/efficientnet_b1.txt,
/// efficientnet_b3.txt) and a [1, 1000] output at 224x224; B7 also its batch norms' eps and momentum.
/// </summary>
public sealed class EfficientNetVariantTests
{
    [Theory]
    [InlineData(1.0, 1.1, 0.2, 7_794_184, 62_048, "efficientnet_b1")]
    [InlineData(1.2, 1.4, 0.3, 12_233_232, 87_296, "efficientnet_b3")]
    public void Variant_has_torchvisions_keys_counts_and_output(double width, double depth, double dropout, long parameters, long statistics, string manifest)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new EfficientNet(width_mult: width, depth_mult: depth, dropout: dropout);
        Assert.Equal(parameters, model.parameters().Sum(p => p.numel()));
        Assert.Equal(statistics, model.named_buffers().Where(b => b.buffer.is_floating_point()).Sum(b => b.buffer.numel()));
        ZooNetworkTests.AssertTorchvisionKeys(model, manifest);

        model.eval();
        using var noGrad = no_grad();
        Assert.Equal(new long[] { 1, 1000 }, model.call(randn(1, 3, 224, 224)).shape);
    }

    [Fact]
    public void B7_has_torchvisions_counts_and_batch_norms()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        // torchvision's efficientnet_b5 ... b7 build their batch norms with partial(nn.BatchNorm2d, eps=0.001, momentum=0.01).
        var model = new EfficientNet(width_mult: 2.0, depth_mult: 3.1, dropout: 0.5, norm_eps: 0.001, norm_momentum: 0.01);
        Assert.Equal(66_347_960, model.parameters().Sum(p => p.numel()));
        Assert.Equal(310_720, model.named_buffers().Where(b => b.buffer.is_floating_point()).Sum(b => b.buffer.numel()));
        // A batch norm that reads a conv's output alone is built as the folding pair's batch norm (FuseForInference,
        // docs/training.md), the others as TorchSharp's BatchNorm2d: both must carry torchvision's eps and momentum.
        var norms = model.named_modules().Select(m => m.module).Where(m => m.GetName() == "BatchNorm2d").ToList();
        Assert.Equal(model.named_buffers().Count(b => b.name.EndsWith(".running_mean")), norms.Count);
        Assert.All(norms, norm =>
        {
            var (eps, momentum) = norm is TorchSharp.Modules.BatchNorm2d plain ? (plain.eps, plain.momentum!.Value) : (Internal(norm, "Eps"), Internal(norm, "Momentum"));
            Assert.Equal(0.001, eps, 12);
            Assert.Equal(0.01, momentum, 12);
        });
    }

    /// <summary>A number the generated folding batch norm keeps for itself (a private class of the generated support).</summary>
    private static double Internal(object module, string property) =>
        (double)module.GetType().GetProperty(property, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.GetValue(module)!;
}
