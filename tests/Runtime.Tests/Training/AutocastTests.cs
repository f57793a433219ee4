using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Training;

public sealed class AutocastTests
{
    [Theory]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Float16)]
    public void InsideTheRegion_LinearAndConvComputeInTheLowType_ReductionsAndTheWeightsDoNot(ScalarType type)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var linear = nn.Linear(4, 3);
        var conv = nn.Conv2d(1, 2, 3);
        var x = randn(2, 4);
        var image = randn(1, 1, 5, 5);
        Assert.False(Autocast.IsEnabled(DeviceType.CPU));
        using (new Autocast(DeviceType.CPU, type))
        {
            Assert.True(Autocast.IsEnabled(DeviceType.CPU));
            var y = linear.call(x);
            Assert.Equal(type, y.dtype);
            Assert.Equal(type, conv.call(image).dtype);
            // Losses are on autocast's float32 list.
            Assert.Equal(ScalarType.Float32, nn.functional.cross_entropy(y, tensor(new long[] { 0, 2 })).dtype);
            // The result is the float32 one, rounded: bfloat16 keeps 8 bits of mantissa, float16 11.
            var exact = nn.functional.linear(x, linear.weight!, linear.bias!);
            Assert.True((y.to(float32) - exact).abs().max().item<float>() < 0.05f);
        }
        Assert.False(Autocast.IsEnabled(DeviceType.CPU));
        Assert.Equal(ScalarType.Float32, linear.call(x).dtype);
        Assert.Equal(ScalarType.Float32, linear.weight!.dtype);
    }

    [Fact]
    public void NestedRegions_RestoreTheOuterState()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var linear = nn.Linear(4, 3);
        var x = randn(2, 4);
        using (new Autocast(DeviceType.CPU, ScalarType.BFloat16))
        {
            using (new Autocast(DeviceType.CPU, ScalarType.BFloat16))
                Assert.Equal(ScalarType.BFloat16, linear.call(x).dtype);
            Assert.True(Autocast.IsEnabled(DeviceType.CPU));
            Assert.Equal(ScalarType.BFloat16, linear.call(x).dtype);
        }
        Assert.False(Autocast.IsEnabled(DeviceType.CPU));
        Assert.Equal(ScalarType.Float32, linear.call(x).dtype);
    }

    [Fact]
    public void OnlyLowPrecisionTypes_AreAccepted()
    {
        TorchNative.EnsureLoaded();
        Assert.Throws<System.ArgumentException>(() => new Autocast(DeviceType.CPU, ScalarType.Float64));
    }
}
