using System;
using System.Linq;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Data;

[Collection(TorchRngCollection.Name)]
public sealed class AugmentationTests
{
    // Every pixel of every image distinct and positive, so a crop can be found in its source.
    private static Tensor Numbered(int n, int channels, int height, int width) =>
        (arange(n * channels * height * width, dtype: float32) + 1).reshape(n, channels, height, width);

    private static Tensor Same(Func<Tensor, Tensor> transform, Tensor input, long seed)
    {
        Determinism.Seed(seed);
        return transform(input);
    }

    [Fact]
    public void RandomCrop_WithPadding_TakesAWindowOfTheZeroPaddedImage_ChosenPerImage()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var images = Numbered(32, 2, 6, 6);
        var crop = Transforms.RandomCrop(6, 6, padding: 2);
        var output = Same(crop, images, 4);
        Assert.Equal(images.shape, output.shape);
        Assert.True(output.SameAs(Same(crop, images, 4)), "the same seed gives the same crops");
        var padded = nn.functional.pad(images, new long[] { 2, 2, 2, 2 });
        var offsets = Enumerable.Range(0, 32).Select(i =>
        {
            var found = (from top in Enumerable.Range(0, 5)
                         from left in Enumerable.Range(0, 5)
                         where padded[i].narrow(1, top, 6).narrow(2, left, 6).SameAs(output[i])
                         select (top, left)).ToArray();
            Assert.Single(found);
            return found[0];
        }).ToArray();
        Assert.True(offsets.Distinct().Count() > 5, "each image gets its own window");
        Assert.Contains(offsets, o => o != (2, 2)); // some windows reach into the zero padding
        Assert.Equal(0, output.min().item<float>());
    }

    [Fact]
    public void RandomResizedCrop_Windows_HaveTheAskedAreaAndRatio_InsideTheImage()
    {
        var draws = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var uniforms = Enumerable.Range(0, CropWindow.Attempts * 4).Select(_ => draws.NextDouble()).ToArray();
            var (top, left, h, w) = CropWindow.Sample(40, 60, 0.25, 0.5, 0.5, 2.0, uniforms);
            Assert.InRange(top, 0, 40 - h);
            Assert.InRange(left, 0, 60 - w);
            // Rounding the sides moves the area and the ratio by at most a pixel's worth.
            Assert.InRange(h * w / 2400.0, 0.25 - 0.03, 0.5 + 0.03);
            Assert.InRange((double)w / h, 0.5 * 0.9, 2.0 * 1.1);
        }
        // Draws that never fit (a window wider than the image) fall back to the central crop of the nearest ratio.
        var tooWide = Enumerable.Repeat(0.999, CropWindow.Attempts * 4).ToArray();
        Assert.Equal((0, 10, 40, 40), CropWindow.Sample(40, 60, 0.9, 1.0, 0.5, 1.0, tooWide));
        Assert.Equal((0, 0, 40, 60), CropWindow.Sample(40, 60, 0.9, 1.0, 1.0, 2.0, tooWide));
    }

    [Fact]
    public void RandomResizedCrop_ResizesEachImagesOwnWindow()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        // A horizontal ramp: a window's mean says where it was taken.
        var ramp = linspace(0, 1, 64).expand(16, 3, 48, 64).contiguous();
        var crop = Transforms.RandomResizedCrop(24, 24, scaleMin: 0.1, scaleMax: 0.3);
        var output = Same(crop, ramp, 9);
        Assert.Equal(new long[] { 16, 3, 24, 24 }, output.shape);
        Assert.True(output.SameAs(Same(crop, ramp, 9)));
        Assert.InRange(output.min().item<float>(), -1e-6f, 1);
        Assert.InRange(output.max().item<float>(), 0, 1 + 1e-6f);
        var means = output.mean(new long[] { 1, 2, 3 }).data<float>().ToArray();
        Assert.True(means.Max() - means.Min() > 0.2, "windows at different places");
        // The whole image at its own ratio is the image, resized.
        var whole = Transforms.RandomResizedCrop(24, 32, scaleMin: 1, scaleMax: 1, ratioMin: 4.0 / 3, ratioMax: 4.0 / 3)(ramp);
        Assert.True(whole.allclose(Transforms.Resize(24, 32)(ramp), atol: 1e-6));
    }

    [Fact]
    public void ColorJitter_Brightness_ScalesEachImageByItsOwnFactor_InRange()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var images = rand(24, 3, 5, 5) * 0.5f + 0.1f;
        var jitter = Transforms.ColorJitter(brightness: 0.4f);
        var output = Same(jitter, images, 2);
        Assert.True(output.SameAs(Same(jitter, images, 2)));
        var ratios = (output / images).reshape(24, -1);
        var factors = ratios[.., 0].data<float>().ToArray();
        Assert.True((ratios - ratios[.., ..1]).abs().max().item<float>() < 1e-5, "one factor per image");
        Assert.All(factors, f => Assert.InRange(f, 0.6f - 1e-5f, 1.4f + 1e-5f));
        Assert.True(factors.Max() - factors.Min() > 0.3, "factors differ between images");
    }

    [Fact]
    public void ColorJitter_Hue_TurnsPureRed_SaturationKeepsGrey_AndOneChannelImagesAreLeftAlone()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var red = zeros(16, 3, 4, 4);
        red[.., 0] = 1;
        var shifted = Transforms.ColorJitter(hue: 0.5f)(red);
        Assert.True(shifted.max(1).values.allclose(ones(16, 4, 4), atol: 1e-5), "a hue shift keeps a pure colour's value");
        Assert.True(shifted[.., 0].mean().item<float>() < 0.99f, "some images are no longer red");
        var grey = full(4, 3, 4, 4, 0.3f);
        // Grey has no saturation or hue to change (torchvision's grey weights sum to 0.9999, hence the tolerance).
        Assert.True(Transforms.ColorJitter(saturation: 0.9f, hue: 0.3f)(grey).allclose(grey, atol: 1e-4));
        var oneChannel = rand(4, 1, 4, 4);
        Assert.True(Transforms.ColorJitter(saturation: 0.9f, hue: 0.3f)(oneChannel).SameAs(oneChannel));
        Assert.Throws<ArgumentOutOfRangeException>(() => Transforms.ColorJitter(hue: 0.6f));
    }

    [Fact]
    public void RandomRotation_TurnsEachImageAboutItsCentre_AndFillsTheCorners()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var images = ones(16, 1, 21, 21);
        var rotate = Transforms.RandomRotation(45, fill: -1);
        var output = Same(rotate, images, 3);
        Assert.Equal(images.shape, output.shape);
        Assert.True(output.SameAs(Same(rotate, images, 3)));
        Assert.True(output[.., 0, 10, 10].eq(1).all().item<bool>(), "the centre stays");
        var filled = output.eq(-1).sum(new long[] { 1, 2, 3 }).data<long>().ToArray();
        Assert.True(filled.Max() > 40 && filled.Distinct().Count() > 4, "corners filled, by different angles");
        // TorchVision's native calls (the rotation) went to the one copy of libLibTorchSharp that TorchNative loaded.
        var copies = System.IO.File.ReadAllLines("/proc/self/maps").Where(l => l.EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal))
            .Select(l => l[l.IndexOf('/')..]).Distinct().ToArray();
        Assert.Single(copies);
        // A single bright pixel keeps its distance from the centre (nearest neighbour may show it twice, within a pixel).
        var dot = zeros(8, 1, 21, 21);
        dot[.., 0, 10, 16] = 1;
        var turned = Transforms.RandomRotation(180)(dot);
        for (var i = 0; i < 8; i++)
        {
            var at = turned[i, 0].nonzero();
            Assert.InRange(at.shape[0], 1, 2);
            for (var k = 0; k < at.shape[0]; k++)
            {
                var (y, x) = (at[k, 0].item<long>() - 10, at[k, 1].item<long>() - 10);
                Assert.InRange(Math.Sqrt(y * y + x * x), 5, 7);
            }
        }
    }

    [Fact]
    public void Mixup_BlendsEachSampleWithItsPartner_AndTheTargetsInTheSameShare()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        const int n = 12;
        var inputs = eye(n).reshape(n, n, 1, 1);            // sample i is the i-th unit vector
        var labels = arange(n, dtype: int64) % 4;
        var (mixed, soft) = BatchTransforms.Mixup(classes: 4, alpha: 0.4)(inputs, labels);
        Assert.Equal(new long[] { n, 4 }, soft.shape);
        Assert.True(soft.sum(1).allclose(ones(n), atol: 1e-6));
        var weights = mixed.reshape(n, n);
        for (var i = 0; i < n; i++)
        {
            var lambda = weights[i, i].item<float>();
            var partner = weights[i].clone();
            partner[i] = 0;
            var j = lambda >= 0.999f ? i : (int)partner.argmax().item<long>();
            var expected = one_hot_row(i % 4) * (j == i ? 1 : lambda) + (j == i ? zeros(4) : one_hot_row(j % 4) * (1 - lambda));
            Assert.True(soft[i].allclose(expected, atol: 1e-5), $"sample {i}: targets {soft[i].ToString(TorchSharp.TensorStringStyle.Julia)}");
        }

        static Tensor one_hot_row(int c) => nn.functional.one_hot(tensor(new long[] { c }), 4)[0].to(float32);
    }

    [Fact]
    public void CutMix_PastesTheSameBoxFromThePartner_AndWeighsTheTargetsByArea()
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        const int n = 8;
        var inputs = arange(n, dtype: float32).reshape(n, 1, 1, 1).expand(n, 2, 10, 10).contiguous(); // image i holds i
        var labels = arange(n, dtype: int64);
        Determinism.Seed(11);
        var (mixed, soft) = BatchTransforms.CutMix(classes: n, alpha: 1.0)(inputs, labels);
        var box = mixed.ne(inputs);                                   // where a partner's pixels are
        var boxArea = box[.., 0].sum(new long[] { 1, 2 }).data<long>().ToArray();
        var areas = boxArea.Where(a => a > 0).Distinct().ToArray();
        Assert.True(areas.Length <= 1, "the same box in every image");
        for (var i = 0; i < n; i++)
        {
            var partnerValue = boxArea[i] > 0 ? mixed[i][box[i]][0].item<float>() : i;
            Assert.True(mixed[i][box[i]].eq(partnerValue).all().item<bool>());
            var share = boxArea[i] / 100.0;
            // The box is the same in all images, so an image paired with itself keeps its own label whole.
            var own = soft[i, i].item<float>();
            Assert.InRange(own, 1 - share - 1e-5, 1 + 1e-5);
        }
        Assert.True(soft.sum(1).allclose(ones(n), atol: 1e-6));
        Assert.Throws<ArgumentException>(() => BatchTransforms.CutMix(4)(rand(4, 3), labels[..4]));
    }

    [Fact]
    public void Mixup_InTheTrainer_TrainsOnSoftTargets()
    {
        using var train = TrainingFixtures.Blobs(100, seed: 1);
        using var validation = TrainingFixtures.Blobs(50, seed: 2);
        var options = new TrainerOptions
        {
            Epochs = 6, BatchSize = 32, Seed = 5, Optimizer = Optimizers.Adam(0.01), Progress = NetDsl.Runtime.Reporting.TrainingProgress.Silent,
            TrainBatchTransform = BatchTransforms.Mixup(classes: 3, alpha: 0.4),
            Metrics = new[] { Metrics.Accuracy(), Metrics.F1() },
        };
        var history = new Trainer(TrainingFixtures.Mlp(seed: 3), options).Fit(train, validation);
        Assert.True(history.Last!["val_accuracy"] >= 0.95, $"held-out accuracy {history.Last!["val_accuracy"]}");
        Assert.True(history.Last!["loss"] > history.Last!["val_loss"], "mixed targets keep the training loss above the clean one");
    }
}

internal static class TensorComparison
{
    /// <summary>Same shape and equal elements.</summary>
    public static bool SameAs(this Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
