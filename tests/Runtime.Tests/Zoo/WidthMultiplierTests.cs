using System.Linq;
using NetDsl.Zoo;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Zoo;

/// <summary>
/// One declaration, every width: the zoo's MnasNet (alpha 0.5 by default, checked with the rest of the zoo) built with
/// torchvision's other multipliers, and its Keras MobileNet (alpha 1.0 by default) with Keras' smaller ones, each with the
/// reference's parameter and batch-norm statistic counts; MnasNet 1.0 also with torchvision's state_dict (keys, order,
/// shapes: Manifests/mnasnet1_0.txt) and a [1, 1000] output.
/// </summary>
public sealed class WidthMultiplierTests
{
    [Theory]
    [InlineData(0.75, 3_170_208, 29_808)]
    [InlineData(1.0, 4_383_312, 37_920)]
    [InlineData(1.3, 6_282_256, 48_816)]
    public void MnasNet_has_torchvisions_counts_at_each_width(double alpha, long parameters, long statistics)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new MnasNet(alpha: alpha);

        Assert.Equal(parameters, model.parameters().Sum(p => p.numel()));
        Assert.Equal(statistics, model.named_buffers().Where(b => b.buffer.is_floating_point()).Sum(b => b.buffer.numel()));
    }

    [Fact]
    public void MnasNet_1_0_has_torchvisions_keys_and_runs()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new MnasNet(alpha: 1.0);
        ZooNetworkTests.AssertTorchvisionKeys(model, "mnasnet1_0");

        model.eval();
        using var noGrad = no_grad();
        Assert.Equal(new long[] { 1, 1000 }, model.call(randn(1, 3, 224, 224)).shape);
    }

    /// <summary>
    /// Keras' totals (trainable + statistics): 475,544, 1,342,536 and 2,601,976, its model summaries' counts for
    /// MobileNet(alpha=0.25 / 0.5 / 0.75); keras/src/applications/mobilenet.py's table rounds them to 0.5, 1.3 and 2.6 M.
    /// </summary>
    [Theory]
    [InlineData(0.25, 470_072, 5_472)]
    [InlineData(0.5, 1_331_592, 10_944)]
    [InlineData(0.75, 2_585_560, 16_416)]
    public void Keras_MobileNet_has_keras_counts_at_each_alpha(double alpha, long trainable, long statistics)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new MobileNetV1(alpha: alpha);

        Assert.Equal(trainable, model.parameters().Sum(p => p.numel()));
        Assert.Equal(statistics, model.named_buffers().Where(b => b.buffer.is_floating_point()).Sum(b => b.buffer.numel()));
        model.eval();
        using var noGrad = no_grad();
        Assert.Equal(new long[] { 1, 1000 }, model.call(randn(1, 3, 224, 224)).shape);
    }
}
