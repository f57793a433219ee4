using System;
using System.Linq;
using NetDsl.Runtime.Weights;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.KerasFiles;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Vision;

/// <summary>
/// Keras' BatchNormalization(scale=False) (Inception-ResNet v2's conv2d_bn) stores beta, moving_mean and
/// moving_variance, no gamma; bn(scale: false) has exactly those (bias, running_mean, running_var), so a Keras .h5 loads
/// by order into it with nothing missing or left over, and the network computes Keras' formula.
/// </summary>
public sealed class UnscaledBatchNormKerasTests
{
    private readonly Random _random = new(31);

    private (string Layer, Weight[] Weights)[] Layers() => new (string, Weight[])[]
    {
        ("input_1", Array.Empty<Weight>()),
        ("conv2d", new[] { Random("kernel", _random, 3, 3, 2, 4) }),
        ("batch_normalization", new[] { Random("beta", _random, 4), Random("moving_mean", _random, 4), Positive(Random("moving_variance", _random, 4)) }),
        ("activation", Array.Empty<Weight>()),
        ("conv2d_1", new[] { Random("kernel", _random, 1, 1, 4, 3), Random("bias", _random, 3) }),
        ("batch_normalization_1", new[] { Random("beta", _random, 3), Random("moving_mean", _random, 3), Positive(Random("moving_variance", _random, 3)) }),
    };

    private static Weight Positive(Weight w) => w with { Values = w.Values.Select(v => Math.Abs(v) + 0.1f).ToArray() };

    [Fact]
    public void A_keras_file_without_gamma_loads_by_order_and_computes_kerass_batch_norm()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var layers = Layers();
        var model = new KerasConvBn();

        var report = model.LoadWeights(Write(Weights.WeightTestSupport.NewFolder(), "conv_bn.h5", layers));

        Assert.Empty(report.Missing);
        Assert.Empty(report.Unexpected);
        Assert.Empty(report.ShapeMismatches);
        Assert.Equal(new[] { "1.num_batches_tracked", "4.num_batches_tracked" }, report.UntouchedCounters.OrderBy(k => k, StringComparer.Ordinal));
        var state = model.state_dict();
        var bn = layers.Single(l => l.Layer == "batch_normalization").Weights.ToDictionary(w => w.Name);
        Assert.Equal(bn["beta"].Values, state["1.bias"].data<float>().ToArray());
        Assert.Equal(bn["moving_mean"].Values, state["1.running_mean"].data<float>().ToArray());
        Assert.Equal(bn["moving_variance"].Values, state["1.running_var"].data<float>().ToArray());

        // Keras' inference: beta + (x - moving_mean) / sqrt(moving_variance + epsilon), no gamma.
        model.eval();
        manual_seed(4);
        var input = randn(2, 2, 5, 5);
        var modules = model.named_children().ToDictionary(c => c.name, c => (nn.Module<Tensor, Tensor>)c.module);
        using (no_grad())
        {
            var conv = modules["0"].call(input);
            var normalised = modules["1"].call(conv);
            for (var c = 0; c < 4; c++)
            {
                var x = conv[1, c, 2, 3].item<float>();
                var expected = bn["beta"].Values[c] + (x - bn["moving_mean"].Values[c]) / Math.Sqrt(bn["moving_variance"].Values[c] + 1e-3);
                Assert.Equal(expected, normalised[1, c, 2, 3].item<float>(), 4);
            }
        }
    }

    [Fact]
    public void A_keras_gamma_for_a_batch_norm_without_scale_is_reported_and_nothing_loads()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var layers = Layers();
        layers[2] = (layers[2].Layer, layers[2].Weights.Prepend(Random("gamma", _random, 4)).ToArray());
        var model = new KerasConvBn();
        var before = model.state_dict()["1.bias"].clone();

        var error = Assert.Throws<WeightMismatchException>(() => model.LoadWeights(Write(Weights.WeightTestSupport.NewFolder(), "scaled.h5", layers)));

        Assert.Contains("1.weight", error.Message);
        Assert.Contains("batch_normalization/gamma:0", error.Message);
        Assert.True(before.eq(model.state_dict()["1.bias"]).all().item<bool>(), "a failed strict load changed the model");
    }
}
