using System;
using System.Linq;
using NetDsl.Zoo;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Zoo;

/// <summary>
/// 'same' padding that nn.Conv2d cannot express (stride 2 on an even input pads one row and column, bottom/right,
/// as TensorFlow) goes through the generated support layers. Such a conv must behave like nn.Conv2d: keys 'weight'
/// and 'bias', and after .to(dtype or device) its forward computes with the moved parameters, the ones the optimizer
/// updates. The zoo's ConvRelu block (Blocks.net: conv(f, k, stride: stride, padding: same) |> relu) on an 8x8 input
/// with k = 3, stride = 2 has such a conv as child "0".
/// </summary>
public sealed class AsymmetricPaddingTests
{
    private static readonly Shape Input = new(3, 8, 8);

    public static TheoryData<string> Moves => new() { "dtype", "device and dtype" };

    [Fact]
    public void AsymmetricSameConv_HasNnConv2dKeys_AndPadsBottomRight()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var block = new ConvRelu(Input, f: 4, k: 3, stride: 2);

        Assert.Equal(new[] { "0.weight", "0.bias" }, block.named_parameters().Select(p => p.name));
        Assert.Equal(new[] { "0.weight", "0.bias" }, block.state_dict().Keys);
        Assert.Equal(new long[] { 4, 3, 3, 3 }, block.get_parameter("0.weight")!.shape);
        var x = randn(2, 3, 8, 8);
        using (no_grad())
            AssertClose(Reference(block, x), block.call(x));
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void AsymmetricSameConv_MovedToFloat64_ComputesWithItsMovedParameters(string move)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var block = new ConvRelu(Input, f: 4, k: 3, stride: 2);
        var before = block.parameters().Select(p => p.detach().clone()).ToList();

        Move(block, move);

        Assert.All(block.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        Assert.Equal(new[] { "0.weight", "0.bias" }, block.state_dict().Keys);
        foreach (var (moved, original) in block.parameters().Zip(before))
            Assert.True(moved.allclose(original.to(float64)), "moving changed a parameter's values");
        var x = randn(2, 3, 8, 8, dtype: float64);
        Tensor output;
        using (no_grad()) output = block.call(x);
        Assert.Equal(ScalarType.Float64, output.dtype);
        AssertClose(Reference(block, x), output);
    }

    [Fact]
    public void AsymmetricSameConv_MovedToFloat64_TrainsTheParametersItComputesWith()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var block = new ConvRelu(Input, f: 4, k: 3, stride: 2);
        block.to(float64);
        var optimizer = optim.SGD(block.parameters(), 0.1);
        var x = randn(2, 3, 8, 8, dtype: float64);

        optimizer.zero_grad();
        var before = block.call(x);
        before.square().sum().backward();
        // Every registered parameter got a gradient: the forward used exactly these tensors.
        Assert.All(block.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().item<double>() > 0));
        optimizer.step();

        Tensor after;
        using (no_grad()) after = block.call(x);
        Assert.False(after.allclose(before.detach()), "the step changed nothing the forward computes with");
        AssertClose(Reference(block, x), after);
    }

    [Fact]
    public void MobileNetV1_MovedToFloat64_Runs()
    {
        // Its first conv and every stride-2 depthwise conv have asymmetric 'same' padding (224 -> 112 -> ... -> 7).
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var model = new MobileNetV1();
        model.eval();
        model.to(float64);

        Tensor output;
        using (no_grad()) output = model.call(randn(1, 3, 224, 224, dtype: float64));

        Assert.Equal(ScalarType.Float64, output.dtype);
        Assert.Equal(new long[] { 1, 1000 }, output.shape);
        Assert.Equal(1.0, output.sum().item<double>(), 6);
    }

    private static void Move(nn.Module module, string move)
    {
        switch (move)
        {
            case "dtype": module.to(float64); break;
            case "device and dtype": module.to(CPU, float64); break;
            default: throw new ArgumentException(move);
        }
    }

    /// <summary>relu(conv2d) with the block's registered parameters, after one zero row at the bottom and one zero column at the right.</summary>
    private static Tensor Reference(ConvRelu block, Tensor x)
    {
        using var _ = no_grad();
        // A plain nn.Conv2d would hide what these tests are about.
        Assert.IsNotType<Conv2d>(block.named_children().Single(c => c.name == "0").module);
        var padded = nn.functional.pad(x, new long[] { 0, 1, 0, 1 });
        var conv = nn.functional.conv2d(padded, block.get_parameter("0.weight")!, block.get_parameter("0.bias"), strides: new long[] { 2, 2 });
        return nn.functional.relu(conv);
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(new long[] { 2, 4, 4, 4 }, actual.shape);
        Assert.True(actual.detach().allclose(expected, rtol: 1e-5, atol: 1e-6), $"largest difference {(actual.detach() - expected).abs().max().ToDouble()}");
    }
}
