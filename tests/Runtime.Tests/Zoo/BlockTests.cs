using System;
using System.Linq;
using NetDsl.Zoo;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Zoo;

/// <summary>
/// The standalone blocks of Blocks.net, built from C# on a 32-channel 16x16 input with their default arguments
/// (the walk-through's f = 32): output shape at build and at run time, and the parameter count Keras gives the
/// walk-through's code, computed here by hand (conv k x k: k*k*in*out + out; separable: k*k*in + in*out + out;
/// dense: in*out + out).
/// </summary>
public sealed class BlockTests
{
    private static readonly Shape Input = new(32, 16, 16);

    private static long Conv(long k, long cin, long cout) => k * k * cin * cout + cout;

    private static long Sep(long k, long cin, long cout) => k * k * cin + cin * cout + cout;

    public static TheoryData<string> Blocks => new()
    {
        "BottleneckBlock", "NaiveInception", "InceptionModule", "ResidualBlock", "ResNeXtBlock", "DenseBlockK",
        "SqueezeExcite", "InvertedResidualBlock", "NasNetNormalCell", "AmoebaNetNormalCell",
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Block_HasTheWalkThroughsShapeAndParameters(string name)
    {
        var (module, channels, parameters) = name switch
        {
            "BottleneckBlock" => ((nn.Module)new BottleneckBlock(Input), 32L, Conv(1, 32, 8) + Conv(3, 8, 8) + Conv(1, 8, 32)),
            "NaiveInception" => (new NaiveInception(Input), 32L * 3 + 32, Conv(1, 32, 32) + Conv(3, 32, 32) + Conv(5, 32, 32)),
            // f // 3 = 10 channels before the 3x3, f // r = 8 before the 5x5.
            "InceptionModule" => (new InceptionModule(Input), 128L, Conv(1, 32, 32) + Conv(1, 32, 10) + Conv(3, 10, 32) + Conv(1, 32, 8) + Conv(5, 8, 32) + Conv(1, 32, 32)),
            "ResidualBlock" => (new ResidualBlock(Input), 32L, Conv(1, 32, 8) + Conv(3, 8, 8) + Conv(1, 8, 32)),
            // c = 4 paths of f // (c * r) = 4 channels.
            "ResNeXtBlock" => (new ResNeXtBlock(Input), 32L, 4 * (Conv(1, 32, 4) + Conv(3, 4, 4) + Conv(1, 4, 32))),
            "DenseBlockK" => (new DenseBlockK(Input), 32L + 5 * 32, Enumerable.Range(0, 5).Sum(i => Conv(3, 32 + 32 * i, 32))),
            "SqueezeExcite" => (new SqueezeExcite(Input), 32L, 32 * 2 + 2 + 2 * 32 + 32),
            "InvertedResidualBlock" => (new InvertedResidualBlock(Input), 32L, Conv(1, 32, 128) + Sep(3, 128, 32)),
            "NasNetNormalCell" => (new NasNetNormalCell(Input, Input), 5L * 32, 3 * Sep(3, 32, 32) + 2 * Sep(5, 32, 32)),
            "AmoebaNetNormalCell" => (new AmoebaNetNormalCell(Input, Input), 4L * 32, 3 * Sep(3, 32, 32) + Sep(5, 32, 32)),
            _ => throw new ArgumentException(name),
        };
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        Assert.Equal(parameters, module.parameters().Sum(p => p.numel()));
        var declared = (Shape)module.GetType().GetProperty("OutputShape")!.GetValue(module)!;
        Assert.Equal(new long[] { channels, 16, 16 }, declared.ToArray());

        var x = randn(1, 32, 16, 16);
        Tensor output;
        using (no_grad())
        {
            output = module switch
            {
                nn.Module<Tensor, Tensor> single => single.call(x),
                nn.Module<Tensor, Tensor, Tensor> cell => cell.call(x, randn(1, 32, 16, 16)),
                _ => throw new InvalidOperationException(name),
            };
        }
        Assert.Equal(new long[] { 1, channels, 16, 16 }, output.shape);
    }
}
