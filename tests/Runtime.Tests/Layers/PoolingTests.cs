using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Layers;

/// <summary>
/// Pooling with padding computes what the frameworks the weights come from compute (networks in Networks/Pooling.net):
/// 'same' average pooling averages over the pixels inside the input (TensorFlow and Keras), explicit padding counts the
/// padded zeros (PyTorch's default), 'same' max pooling never picks the padding. Each is compared with a direct
/// computation over the windows.
/// </summary>
public sealed class PoolingTests
{
    /// <summary>1, 2, 3, ... in a [1, 1, size, size] tensor, so every window has a different mean and maximum.</summary>
    private static Tensor Ramp(long size) => arange(1, size * size + 1, dtype: float32).reshape(1, 1, size, size);

    /// <summary>
    /// The pool computed window by window: window (i, j) covers rows i*stride - padTop ... + kernel - 1 of the input,
    /// and <paramref name="reduce"/> gets the values inside the input.
    /// </summary>
    private static float[,] Direct(Tensor input, int kernel, int stride, int padTop, int padLeft, int outSize, Func<List<float>, float> reduce)
    {
        var size = (int)input.shape[2];
        var values = input.reshape(size, size).data<float>().ToArray();
        var result = new float[outSize, outSize];
        for (var i = 0; i < outSize; i++)
        {
            for (var j = 0; j < outSize; j++)
            {
                var inside = new List<float>();
                for (var r = i * stride - padTop; r < i * stride - padTop + kernel; r++)
                {
                    for (var c = j * stride - padLeft; c < j * stride - padLeft + kernel; c++)
                    {
                        if (r >= 0 && r < size && c >= 0 && c < size) inside.Add(values[r * size + c]);
                    }
                }
                result[i, j] = reduce(inside);
            }
        }
        return result;
    }

    private static void AssertEqual(float[,] expected, Tensor actual)
    {
        var n = expected.GetLength(0);
        Assert.Equal(new long[] { 1, 1, n, n }, actual.shape);
        var values = actual.reshape(n * n).data<float>().ToArray();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                Assert.True(Math.Abs(expected[i, j] - values[i * n + j]) < 1e-4, $"at ({i}, {j}): expected {expected[i, j]}, got {values[i * n + j]}");
        }
    }

    [Fact]
    public void Same_average_pooling_averages_over_the_pixels_inside_the_input()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = Ramp(5);

        var actual = new SameAvgPool().call(x);

        AssertEqual(Direct(x, kernel: 3, stride: 1, padTop: 1, padLeft: 1, outSize: 5, inside => inside.Average()), actual);
    }

    [Fact]
    public void Same_average_pooling_with_bottom_right_padding_averages_over_the_pixels_inside_the_input()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = Ramp(6);

        var actual = new SameAvgPoolStride2().call(x);

        // out = ceil(6 / 2) = 3; padding (3 - 1) * 2 + 3 - 6 = 1, all of it bottom and right.
        AssertEqual(Direct(x, kernel: 3, stride: 2, padTop: 0, padLeft: 0, outSize: 3, inside => inside.Average()), actual);
    }

    [Fact]
    public void Explicit_average_pooling_counts_the_padded_zeros()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = Ramp(5);

        var actual = new ExplicitAvgPool().call(x);

        AssertEqual(Direct(x, kernel: 3, stride: 1, padTop: 1, padLeft: 1, outSize: 5, inside => inside.Sum() / 9f), actual);
    }

    [Fact]
    public void Same_max_pooling_with_bottom_right_padding_never_picks_the_padding()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = -Ramp(6);

        var actual = new SameMaxPoolStride2().call(x);

        AssertEqual(Direct(x, kernel: 3, stride: 2, padTop: 0, padLeft: 0, outSize: 3, inside => inside.Max()), actual);
    }

    [Fact]
    public void Same_average_pooling_keeps_the_gradient_of_a_mean()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var x = Ramp(6).requires_grad_();

        new SameAvgPoolStride2().call(x).sum().backward();

        // Pixel (0, 0) is only in window (0, 0), which covers rows 0..2 and columns 0..2: 9 pixels inside the input.
        Assert.Equal(1f / 9f, x.grad![0, 0, 0, 0].item<float>(), 5);
        // Pixel (5, 5) is only in window (2, 2), which covers rows 4..6 and columns 4..6: 4 pixels inside the input.
        Assert.Equal(1f / 4f, x.grad![0, 0, 5, 5].item<float>(), 5);
    }
}
