using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Weights;
using Xunit;
using static NetDsl.Runtime.Tests.Weights.KerasFiles;
using static NetDsl.Runtime.Tests.Weights.WeightTestSupport;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Weights;

/// <summary>Keras .h5 weights into a small network: layouts converted, matched by order and by name, checked numerically.</summary>
public sealed class KerasH5Tests
{
    private readonly Random _random = new(5);

    // conv 3x3 2->4 (pad 1), bn, separable 3x3 4->6 (pad 1), depthwise 3x3 x2 on 6 (no pad), avg pool, dense 12->2.
    private static nn.Module<Tensor, Tensor> Network() => nn.Sequential(
        ("conv1", nn.Conv2d(2, 4, 3, padding: 1)),
        ("bn1", nn.BatchNorm2d(4)),
        ("sep1", nn.Sequential(("0", nn.Conv2d(4, 4, 3, padding: 1, groups: 4, bias: false)), ("1", nn.Conv2d(4, 6, 1)))),
        ("dw", nn.Conv2d(6, 12, 3, groups: 6)),
        ("pool", nn.AdaptiveAvgPool2d(1)),
        ("flat", nn.Flatten()),
        ("dense", nn.Linear(12, 2)));

    private (string Layer, Weight[] Weights)[] Layers() => new (string, Weight[])[]
    {
        ("input_1", Array.Empty<Weight>()),
        ("conv1", new[] { Random("kernel", _random, 3, 3, 2, 4), Random("bias", _random, 4) }),
        ("bn1", new[] { Random("gamma", _random, 4), Random("beta", _random, 4), Random("moving_mean", _random, 4), Positive(Random("moving_variance", _random, 4)) }),
        ("act", Array.Empty<Weight>()),
        ("sep1", new[] { Random("depthwise_kernel", _random, 3, 3, 4, 1), Random("pointwise_kernel", _random, 1, 1, 4, 6), Random("bias", _random, 6) }),
        ("dw", new[] { Random("depthwise_kernel", _random, 3, 3, 6, 2), Random("bias", _random, 12) }),
        ("dense", new[] { Random("kernel", _random, 12, 2), Random("bias", _random, 2) }),
    };

    private static Weight Positive(Weight w) => w with { Values = w.Values.Select(v => Math.Abs(v) + 0.1f).ToArray() };

    [Theory]
    [InlineData(KerasMatching.ByOrder, false, false)]
    [InlineData(KerasMatching.ByName, false, false)]
    [InlineData(KerasMatching.ByOrder, true, false)]
    [InlineData(KerasMatching.ByName, false, true)]
    public void KerasLayouts_AreConvertedElementByElement(KerasMatching matching, bool underModelWeights, bool asKerasDoes)
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var layers = Layers();
        var path = Write(folder, "net.h5", layers, underModelWeights, asKerasDoes);
        var model = Network();

        var report = model.LoadWeights(path, new WeightLoadOptions { KerasMatching = matching });

        Assert.True(report.IsExactMatch, report.Describe());
        Assert.Equal(new[] { "bn1.num_batches_tracked" }, report.UntouchedCounters);
        var sd = model.state_dict();
        var w = layers.ToDictionary(l => l.Layer, l => l.Weights.ToDictionary(x => x.Name));
        for (var o = 0; o < 4; o++)
            for (var i = 0; i < 2; i++)
                for (var h = 0; h < 3; h++)
                    for (var x = 0; x < 3; x++)
                        Assert.Equal(At(w["conv1"]["kernel"], h, x, i, o), At(sd["conv1.weight"], o, i, h, x));
        foreach (var (keras, torch) in new[] { ("gamma", "weight"), ("beta", "bias"), ("moving_mean", "running_mean"), ("moving_variance", "running_var") })
            Assert.Equal(w["bn1"][keras].Values, sd[$"bn1.{torch}"].data<float>().ToArray());
        for (var c = 0; c < 4; c++)
            for (var h = 0; h < 3; h++)
                for (var x = 0; x < 3; x++)
                    Assert.Equal(At(w["sep1"]["depthwise_kernel"], h, x, c, 0), At(sd["sep1.0.weight"], c, 0, h, x));
        for (var o = 0; o < 6; o++)
            for (var i = 0; i < 4; i++)
                Assert.Equal(At(w["sep1"]["pointwise_kernel"], 0, 0, i, o), At(sd["sep1.1.weight"], o, i, 0, 0));
        Assert.Equal(w["sep1"]["bias"].Values, sd["sep1.1.bias"].data<float>().ToArray());
        for (var c = 0; c < 6; c++)
            for (var m = 0; m < 2; m++)
                for (var h = 0; h < 3; h++)
                    for (var x = 0; x < 3; x++)
                        Assert.Equal(At(w["dw"]["depthwise_kernel"], h, x, c, m), At(sd["dw.weight"], c * 2 + m, 0, h, x));
        for (var o = 0; o < 2; o++)
            for (var i = 0; i < 12; i++)
                Assert.Equal(At(w["dense"]["kernel"], i, o), At(sd["dense.weight"], o, i));
    }

    [Fact]
    public void LoadedNetwork_ComputesWhatKerasFormulasGive()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var layers = Layers();
        var model = Network();
        model.LoadWeights(Write(folder, "net.h5", layers));
        model.eval();
        var w = layers.ToDictionary(l => l.Layer, l => l.Weights.ToDictionary(x => x.Name));
        manual_seed(3);
        var input = randn(1, 2, 5, 5);

        // Keras Conv2D, 'same' padding, channels-last kernel: out[o](y,x) = b[o] + sum_{h,w,i} in[i](y+h-1, x+w-1) * K[h,w,i,o].
        var conv = ((nn.Module<Tensor, Tensor>)model.named_children().First(c => c.name == "conv1").module).call(input);
        var pixel = input.data<float>().ToArray();
        for (var o = 0; o < 4; o++)
        {
            foreach (var (y, x) in new[] { (0, 0), (2, 3), (4, 4) })
            {
                double sum = w["conv1"]["bias"].Values[o];
                for (var h = 0; h < 3; h++)
                    for (var k = 0; k < 3; k++)
                        for (var i = 0; i < 2; i++)
                        {
                            var (yy, xx) = (y + h - 1, x + k - 1);
                            if (yy is >= 0 and < 5 && xx is >= 0 and < 5)
                                sum += pixel[(i * 5 + yy) * 5 + xx] * At(w["conv1"]["kernel"], h, k, i, o);
                        }
                Assert.Equal(sum, At(conv, 0, o, y, x), 4);
            }
        }

        // Keras Dense: y = x · K + b with K of shape (in, out).
        var features = randn(3, 12);
        var dense = ((nn.Module<Tensor, Tensor>)model.named_children().First(c => c.name == "dense").module).call(features);
        var f = features.data<float>().ToArray();
        for (var n = 0; n < 3; n++)
            for (var o = 0; o < 2; o++)
            {
                double sum = w["dense"]["bias"].Values[o];
                for (var i = 0; i < 12; i++)
                    sum += f[n * 12 + i] * At(w["dense"]["kernel"], i, o);
                Assert.Equal(sum, At(dense, n, o), 4);
            }

        // Batch norm in inference: gamma * (x - mean) / sqrt(var + eps) + beta.
        var bn = ((nn.Module<Tensor, Tensor>)model.named_children().First(c => c.name == "bn1").module).call(conv);
        for (var c = 0; c < 4; c++)
        {
            var expected = w["bn1"]["gamma"].Values[c] * (At(conv, 0, c, 1, 1) - w["bn1"]["moving_mean"].Values[c]) /
                Math.Sqrt(w["bn1"]["moving_variance"].Values[c] + 1e-5) + w["bn1"]["beta"].Values[c];
            Assert.Equal(expected, At(bn, 0, c, 1, 1), 4);
        }
        Assert.Equal(new long[] { 1, 2 }, model.call(input).shape);
    }

    [Fact]
    public void LayerCountsThatDiffer_AreReported_AndByNameUsesRenames()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var layers = Layers().Where(l => l.Layer != "dw").Select(l => l.Layer == "dense" ? ("predictions", l.Weights) : l).ToArray();
        var path = Write(folder, "fewer.h5", layers);
        var model = Network();

        var byOrder = Assert.Throws<WeightMismatchException>(() => model.LoadWeights(path));
        var byName = model.LoadWeights(path, new WeightLoadOptions { KerasMatching = KerasMatching.ByName, Strict = false });
        var renamed = model.LoadWeights(path, new WeightLoadOptions
        {
            KerasMatching = KerasMatching.ByName, Strict = false, Rename = new Dictionary<string, string> { ["predictions"] = "dense" },
        });

        // By order the dense kernel (12, 2) lands on the depthwise conv: a shape mismatch naming both shapes.
        Assert.Contains(byOrder.Report.ShapeMismatches, m => m.Key == "dw.weight" && m.SourceKey == "predictions/kernel:0");
        Assert.Contains("dense.weight", byOrder.Report.Missing);
        Assert.Equal(new[] { "dw.weight", "dw.bias", "dense.weight", "dense.bias" }, byName.Missing);
        Assert.Contains("predictions/kernel:0", byName.Unexpected);
        Assert.Equal(new[] { "dw.weight", "dw.bias" }, renamed.Missing);
        Assert.Empty(renamed.Unexpected);
    }

    [Fact]
    public void TruncatedAndBitFlippedFiles_AreRejected_AndTheModelIsUntouched()
    {
        var folder = NewFolder();
        using var scope = NewDisposeScope();
        var path = Write(folder, "net.h5", Layers());
        var bytes = File.ReadAllBytes(path);
        var model = Network();
        var before = Snapshot(model);
        var damaged = Path.Combine(folder, "damaged.h5");

        for (var length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 60))
        {
            File.WriteAllBytes(damaged, bytes[..length]);
            Assert.IsAssignableFrom<WeightException>(Record.Exception(() => model.LoadWeights(damaged)));
        }
        // The superblock signature, and the end-of-file address in the superblock.
        foreach (var at in new[] { 1, 28 })
        {
            var flipped = (byte[])bytes.Clone();
            flipped[at] ^= 0x40;
            File.WriteAllBytes(damaged, flipped);
            Assert.IsAssignableFrom<WeightException>(Record.Exception(() => model.LoadWeights(damaged, new WeightLoadOptions { Format = WeightFormat.KerasH5 })));
        }
        AssertSameState(model, before);
    }

    [Fact]
    public void Hdf5FileWithoutKerasLayout_IsNamedAsSuch()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "plain.h5");
        new PureHDF.H5File { ["data"] = new[] { 1.0, 2.0 } }.Write(path);

        var error = Assert.Throws<WeightFormatException>(() => WeightFile.Open(path));

        Assert.Contains("no 'layer_names' attribute", error.Message);
    }
}
