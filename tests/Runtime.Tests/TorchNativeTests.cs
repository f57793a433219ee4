using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests;

public sealed class TorchNativeTests
{
    [Fact]
    public void EnsureLoaded_ThenConv2dForward_ComputesRealValues()
    {
        TorchNative.EnsureLoaded();

        using var input = ones(1, 3, 8, 8);
        using var weight = ones(4, 3, 3, 3);
        using var bias = tensor(new float[] { 0f, 1f, 2f, 3f });
        using var output = nn.functional.conv2d(input, weight, bias);

        Assert.Equal(new long[] { 1, 4, 6, 6 }, output.shape);
        // Every output pixel sums a 3x3x3 window of ones: 27, plus the channel's bias.
        for (var channel = 0; channel < 4; channel++)
            Assert.Equal(27f + channel, output[0, channel, 2, 3].item<float>());
    }
}
