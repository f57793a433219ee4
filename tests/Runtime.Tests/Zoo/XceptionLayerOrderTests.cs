using System.Linq;
using NetDsl.Zoo;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Zoo;

/// <summary>
/// The zoo's Xception has its convolutions in Keras' layer order, so Keras' weight files load into it by order
/// (docs/weights.md, KerasMatching.ByOrder). Keras' model.layers sorts a functional model's layers by their distance
/// from the output, longest first, ties in the order a depth-first walk from the output meets them
/// (keras/src/ops/function.py, map_graph). Applied by hand to keras/src/applications/xception.py: in each entry and
/// exit block the main path (separable conv, batch norm, separable conv, batch norm, pool) is farther from the block's
/// add than the 1x1 shortcut (conv, batch norm), so block2_sepconv1, block2_sepconv2 come before the shortcut conv2d.
/// </summary>
public sealed class XceptionLayerOrderTests
{
    [Fact]
    public void Each_entry_and_exit_blocks_main_path_comes_before_its_shortcut()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var model = new Xception();

        // The convolution kernels (PyTorch layout) in state_dict order; a separable conv is a depthwise then a pointwise one.
        var kernels = model.named_parameters().Where(p => p.parameter.dim() == 4).Select(p => string.Join("x", p.parameter.shape)).ToList();

        string[] entry =
        {
            "32x3x3x3", "64x32x3x3",                                      // block1_conv1, block1_conv2
            "64x1x3x3", "128x64x1x1", "128x1x3x3", "128x128x1x1", "128x64x1x1",   // block2_sepconv1, block2_sepconv2, conv2d (shortcut)
            "128x1x3x3", "256x128x1x1", "256x1x3x3", "256x256x1x1", "256x128x1x1", // block3
            "256x1x3x3", "728x256x1x1", "728x1x3x3", "728x728x1x1", "728x256x1x1", // block4
        };
        Assert.Equal(entry, kernels.Take(entry.Length));
        string[] exit =
        {
            "728x1x3x3", "728x728x1x1", "728x1x3x3", "1024x728x1x1", "1024x728x1x1", // block13_sepconv1, block13_sepconv2, conv2d (shortcut)
            "1024x1x3x3", "1536x1024x1x1", "1536x1x3x3", "2048x1536x1x1",            // block14_sepconv1, block14_sepconv2
        };
        Assert.Equal(exit, kernels.Skip(kernels.Count - exit.Length));
    }
}
