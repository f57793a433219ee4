using System;
using System.Linq;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Vision;

/// <summary>
/// stochastic_depth against torchvision.ops.stochastic_depth's definition: the identity in evaluation and for p = 0;
/// while training, each sample (row) or the whole batch (batch) survives with probability 1 - p, scaled by 1 / (1 - p),
/// or is zeroed; p = 1 zeroes everything. Random draws are checked in distribution: with a fixed seed, the share of
/// dropped samples lies within 4.5 standard deviations of p (a false failure about once in 150,000 seeds).
/// </summary>
[Collection(TorchRngCollection.Name)]
public sealed class StochasticDepthTests
{
    private const double P = 0.3;

    [Fact]
    public void In_evaluation_and_with_p_0_the_input_passes_unchanged()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var input = randn(64, 4, 5);
        var evaluated = new RowDrop();
        evaluated.eval();
        var zero = new BatchDrop(p: 0);
        zero.train();

        Assert.True(input.eq(evaluated.call(input)).all().item<bool>());
        Assert.True(input.eq(zero.call(input)).all().item<bool>());
    }

    [Fact]
    public void Row_mode_drops_each_sample_with_probability_p_and_scales_survivors()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        Determinism.Seed(21);
        const int samples = 20_000;
        var input = ones(samples, 4, 5);
        var model = new RowDrop();
        model.train();

        var output = model.call(input);

        // Each sample is either all zero or all 1 / (1 - p): the noise is per sample, broadcast over its axes.
        var ratio = output.reshape(samples, -1);
        var kept = ratio.select(1, 0).gt(0);
        Assert.True(ratio.eq(ratio.select(1, 0).unsqueeze(1)).all().item<bool>(), "a sample was partly dropped");
        Assert.True(allclose(ratio.index(kept), full_like(ratio.index(kept), 1 / (1 - P)), rtol: 1e-6, atol: 0), "survivors are not scaled by 1 / (1 - p)");
        var dropped = 1 - kept.to(float64).mean().item<double>();
        AssertNear(P, dropped, Math.Sqrt(P * (1 - P) / samples));
    }

    [Fact]
    public void Batch_mode_drops_the_whole_batch_with_probability_p()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        Determinism.Seed(22);
        const int calls = 4_000;
        var input = ones(8, 4, 5);
        var model = new BatchDrop();
        model.train();

        var droppedCalls = 0;
        for (var i = 0; i < calls; i++)
        {
            using var output = model.call(input);
            var values = output.unique().Item1;
            Assert.Equal(1, values.numel());
            var value = values.item<float>();
            Assert.True(value == 0 || Math.Abs(value - 1 / (1 - P)) < 1e-6, $"the batch was scaled by {value}");
            if (value == 0) droppedCalls++;
        }
        AssertNear(P, droppedCalls / (double)calls, Math.Sqrt(P * (1 - P) / calls));
    }

    [Fact]
    public void Survivors_keep_the_expected_value_and_gradients_flow_through_the_mask()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        Determinism.Seed(23);
        var input = ones(50_000, 4, 5).requires_grad_(true);
        var model = new RowDrop();
        model.train();

        var output = model.call(input);
        output.sum().backward();

        // E[output] = input: a dropped share p at 0 and 1 - p at 1 / (1 - p).
        AssertNear(1.0, output.select(2, 0).select(1, 0).mean().item<float>(), Math.Sqrt(P / (1 - P) / 50_000));
        Assert.True(input.grad!.eq(output.detach()).all().item<bool>(), "the gradient of a sum is the mask itself");
    }

    [Fact]
    public void P_of_1_zeroes_everything_without_dividing_by_zero()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var model = new RowDrop(p: 1);
        model.train();

        var output = model.call(randn(16, 4, 5));

        Assert.True(output.eq(0).all().item<bool>());
    }

    private static void AssertNear(double expected, double actual, double deviation) =>
        Assert.True(Math.Abs(actual - expected) <= 4.5 * deviation, $"{actual} is more than 4.5 standard deviations ({deviation}) from {expected}");
}
