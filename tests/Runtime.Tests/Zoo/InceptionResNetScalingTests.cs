using System.Linq;
using NetDsl.Zoo;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Zoo;

/// <summary>
/// Inception-ResNet v2's residual blocks scale their residual before the sum, as Keras' inception_resnet_block does
/// (block35 0.17, block17 0.1, block8 0.2): with the same weights and no activation, a block's change to its input
/// is the scale times that of the same block with scale 1.
/// </summary>
public sealed class InceptionResNetScalingTests
{
    [Fact]
    public void Each_block_adds_its_residual_times_its_scale()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        manual_seed(3);
        (nn.Module<Tensor, Tensor> Scaled, nn.Module<Tensor, Tensor> Unscaled, double Scale, Shape Input)[] blocks =
        {
            (new Block35(new Shape(320, 9, 9), activation: false), new Block35(new Shape(320, 9, 9), scale: 1.0, activation: false), 0.17, new Shape(320, 9, 9)),
            (new Block17(new Shape(1088, 5, 5), activation: false), new Block17(new Shape(1088, 5, 5), scale: 1.0, activation: false), 0.1, new Shape(1088, 5, 5)),
            (new Block8(new Shape(2080, 3, 3), activation: false), new Block8(new Shape(2080, 3, 3), scale: 1.0, activation: false), 0.2, new Shape(2080, 3, 3)),
        };
        foreach (var (scaled, unscaled, scale, input) in blocks)
        {
            unscaled.load_state_dict(scaled.state_dict());
            scaled.eval();
            unscaled.eval();
            var x = randn(new long[] { 1 }.Concat(input.ToArray()).ToArray());
            using var noGrad = no_grad();
            var change = scaled.call(x) - x;
            var residual = unscaled.call(x) - x;
            Assert.True(change.allclose(residual * scale, rtol: 1e-4, atol: 1e-5), $"{scaled.GetType().Name}: the change is not {scale} times the residual");
            Assert.False(change.allclose(residual, rtol: 1e-2, atol: 1e-3));
        }
    }
}
