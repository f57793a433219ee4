using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torchvision.transforms.functional;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Image transforms on tensors <c>[N, C, H, W]</c> (a batch) or <c>[C, H, W]</c> (one image), as
/// <c>Func&lt;Tensor, Tensor&gt;</c>. The pixel work is TorchSharp's torchvision (package TorchVision,
/// <c>torchvision.transforms.functional</c>: crop, resize, rotate, the colour adjustments); the random choices are
/// made here, per image, from torch's generator, so a seed fixes them and a checkpoint's RNG state resumes them.
/// (TorchVision 0.107's own random transforms draw from an unseeded <c>System.Random</c> and make one choice per call,
/// which for a batch means one crop or angle for every image.) Colour transforms expect values in [0, 1]: put them
/// before <see cref="Normalize(float[], float[])"/>.
/// </summary>
public static class Transforms
{
    /// <summary>Applies the transforms in order.</summary>
    public static Func<Tensor, Tensor> Compose(params Func<Tensor, Tensor>[] transforms) =>
        input => transforms.Aggregate(input, (x, t) => t(x));

    /// <summary>(x - mean) / std per channel; one value applies to every channel.</summary>
    public static Func<Tensor, Tensor> Normalize(float[] mean, float[] std)
    {
        if (mean.Length == 0 || mean.Length != std.Length)
            throw new ArgumentException($"need as many means as standard deviations (got {mean.Length} and {std.Length})");
        if (std.Any(s => s == 0f))
            throw new ArgumentException("a standard deviation of 0 would divide by zero", nameof(std));
        return input => Batched(input, x =>
        {
            var channels = (int)x.shape[1];
            if (mean.Length != 1 && mean.Length != channels)
                throw new ArgumentException($"Normalize has {mean.Length} means for images of {channels} channels");
            double[] PerChannel(float[] values) => Enumerable.Range(0, channels).Select(c => (double)values[values.Length == 1 ? 0 : c]).ToArray();
            return F.normalize(x, PerChannel(mean), PerChannel(std), x.dtype);
        });
    }

    /// <summary>(x - mean) / std with the same values for every channel.</summary>
    public static Func<Tensor, Tensor> Normalize(float mean, float std) => Normalize(new[] { mean }, new[] { std });

    /// <summary>Resizes to <paramref name="height"/> x <paramref name="width"/> (bilinear, antialiased when shrinking).</summary>
    public static Func<Tensor, Tensor> Resize(int height, int width) =>
        input => Batched(input, x => ResizeImages(x, height, width));

    /// <summary>The central <paramref name="height"/> x <paramref name="width"/> window.</summary>
    public static Func<Tensor, Tensor> CenterCrop(int height, int width) =>
        input => Batched(input, x =>
        {
            CheckFits(x, height, width, "CenterCrop");
            return F.center_crop(x, height, width);
        });

    /// <summary>
    /// A random <paramref name="height"/> x <paramref name="width"/> window per image, after zero-padding every side by
    /// <paramref name="padding"/> pixels (the usual CIFAR/Fashion-MNIST augmentation).
    /// </summary>
    public static Func<Tensor, Tensor> RandomCrop(int height, int width, int padding = 0)
    {
        if (padding < 0)
            throw new ArgumentOutOfRangeException(nameof(padding), "padding cannot be negative");
        return input => Batched(input, x =>
        {
            var (paddedHeight, paddedWidth) = (x.shape[2] + 2 * padding, x.shape[3] + 2 * padding);
            if (height <= 0 || width <= 0 || height > paddedHeight || width > paddedWidth)
                throw new ArgumentException($"RandomCrop({height}, {width}, padding: {padding}) does not fit images of {x.shape[2]}x{x.shape[3]}");
            var n = x.shape[0];
            var tops = randint(paddedHeight - height + 1, new[] { n }).data<long>().ToArray();
            var lefts = randint(paddedWidth - width + 1, new[] { n }).data<long>().ToArray();
            // torchvision's crop fills what lies outside the image with zeros: the padding, without padding the batch.
            return stack(Enumerable.Range(0, (int)n)
                .Select(i => F.crop(x[i], (int)tops[i] - padding, (int)lefts[i] - padding, height, width)).ToArray());
        });
    }

    /// <summary>
    /// torchvision's RandomResizedCrop, per image: a window of a random share of the image's area (in
    /// <paramref name="scaleMin"/>..<paramref name="scaleMax"/>) and a random aspect ratio (log-uniform in
    /// <paramref name="ratioMin"/>..<paramref name="ratioMax"/>), at a random place, resized to
    /// <paramref name="height"/> x <paramref name="width"/> (bilinear, antialiased). After 10 draws that do not fit,
    /// the central crop of the nearest allowed ratio.
    /// </summary>
    public static Func<Tensor, Tensor> RandomResizedCrop(int height, int width, double scaleMin = 0.08, double scaleMax = 1.0,
        double ratioMin = 3.0 / 4, double ratioMax = 4.0 / 3)
    {
        if (height <= 0 || width <= 0)
            throw new ArgumentException($"RandomResizedCrop needs a positive size, not {height}x{width}");
        if (!(0 < scaleMin && scaleMin <= scaleMax && scaleMax <= 1))
            throw new ArgumentException($"the area share must satisfy 0 < scaleMin <= scaleMax <= 1, not {scaleMin}..{scaleMax}");
        if (!(0 < ratioMin && ratioMin <= ratioMax))
            throw new ArgumentException($"the aspect ratio must satisfy 0 < ratioMin <= ratioMax, not {ratioMin}..{ratioMax}");
        return input => Batched(input, x =>
        {
            var (imageHeight, imageWidth) = ((int)x.shape[2], (int)x.shape[3]);
            var n = (int)x.shape[0];
            var draws = rand(n, CropWindow.Attempts, 4, dtype: float64).data<double>().ToArray();
            return stack(Enumerable.Range(0, n).Select(i =>
            {
                var (top, left, h, w) = CropWindow.Sample(imageHeight, imageWidth, scaleMin, scaleMax, ratioMin, ratioMax,
                    draws.AsSpan(i * CropWindow.Attempts * 4, CropWindow.Attempts * 4));
                return ResizeImages(F.crop(x[i], top, left, h, w).unsqueeze(0), height, width).squeeze(0);
            }).ToArray());
        });
    }

    /// <summary>
    /// torchvision's ColorJitter, per image: brightness, contrast and saturation factors drawn from
    /// [max(0, 1 - v), 1 + v], a hue shift from [-hue, hue] (hue at most 0.5 of a turn), applied in a random order.
    /// Saturation and hue leave one-channel images as they are.
    /// </summary>
    public static Func<Tensor, Tensor> ColorJitter(float brightness = 0, float contrast = 0, float saturation = 0, float hue = 0)
    {
        if (brightness < 0 || contrast < 0 || saturation < 0)
            throw new ArgumentException("brightness, contrast and saturation jitter cannot be negative");
        if (hue is < 0 or > 0.5f)
            throw new ArgumentOutOfRangeException(nameof(hue), $"hue is a share of a turn in [0, 0.5], not {hue}");
        (double Low, double High) Range(float v) => (Math.Max(0, 1 - v), 1 + v);
        var ranges = new[] { Range(brightness), Range(contrast), Range(saturation), ((double)-hue, (double)hue) };
        var active = new[] { brightness > 0, contrast > 0, saturation > 0, hue > 0 };
        return input => Batched(input, x =>
        {
            var n = (int)x.shape[0];
            var colour = x.shape[1] == 3;
            var factors = rand(n, 4, dtype: float64).data<double>().ToArray();
            return cat(Enumerable.Range(0, n).Select(i =>
            {
                var image = x.narrow(0, i, 1);
                foreach (var op in randperm(4).data<long>().ToArray())
                {
                    if (!active[op] || (op >= 2 && !colour))
                        continue;
                    var (low, high) = ranges[op];
                    var factor = low + factors[i * 4 + op] * (high - low);
                    image = op switch
                    {
                        0 => F.adjust_brightness(image, factor),
                        1 => F.adjust_contrast(image, factor),
                        2 => F.adjust_saturation(image, factor),
                        _ => F.adjust_hue(image, factor),
                    };
                }
                return image;
            }).ToArray(), 0);
        });
    }

    /// <summary>
    /// Rotates each image by its own random angle in [-<paramref name="degrees"/>, <paramref name="degrees"/>]
    /// (counter-clockwise, about the centre, same size; corners filled with <paramref name="fill"/>).
    /// <paramref name="bilinear"/> interpolates; otherwise the nearest pixel, torchvision's default.
    /// </summary>
    public static Func<Tensor, Tensor> RandomRotation(double degrees, float fill = 0, bool bilinear = false)
    {
        if (degrees < 0 || degrees > 180)
            throw new ArgumentOutOfRangeException(nameof(degrees), $"rotation range is 0 to 180 degrees, not {degrees}");
        var mode = bilinear ? InterpolationMode.Bilinear : InterpolationMode.Nearest;
        return input => Batched(input, x =>
        {
            var n = (int)x.shape[0];
            var angles = rand(n, dtype: float64).data<double>().Select(u => (float)((2 * u - 1) * degrees)).ToArray();
            var fills = Enumerable.Repeat(fill, (int)x.shape[1]).ToArray();
            return cat(Enumerable.Range(0, n).Select(i => F.rotate(x.narrow(0, i, 1), angles[i], mode, fill: fills)).ToArray(), 0);
        });
    }

    /// <summary>Mirrors each image left-right with probability <paramref name="p"/>.</summary>
    public static Func<Tensor, Tensor> RandomHorizontalFlip(double p = 0.5) =>
        input => Batched(input, x =>
        {
            var flip = (rand(x.shape[0]) < p).reshape(-1, 1, 1, 1).to(x.device);
            return where(flip, F.hflip(x), x);
        });

    /// <summary>Mirrors every image left-right.</summary>
    public static Func<Tensor, Tensor> HorizontalFlip() => input => Batched(input, F.hflip);

    private static Tensor ResizeImages(Tensor x, int height, int width) =>
        F.resize(x, height, width, InterpolationMode.Bilinear, null, antialias: height < x.shape[2] || width < x.shape[3]);

    // Runs f on a 4-D batch; a single [C, H, W] image is treated as a batch of one. Intermediate tensors are freed.
    private static Tensor Batched(Tensor input, Func<Tensor, Tensor> f)
    {
        if (input.dim() is not (3 or 4))
            throw new ArgumentException($"image transforms take [N, C, H, W] or [C, H, W], not [{string.Join(", ", input.shape)}]");
        using var scope = NewDisposeScope();
        var single = input.dim() == 3;
        var output = f(single ? input.unsqueeze(0) : input);
        if (single)
            output = output.squeeze(0);
        return output.MoveToOuterDisposeScope();
    }

    private static void CheckFits(Tensor x, int height, int width, string name)
    {
        if (height <= 0 || width <= 0 || height > x.shape[2] || width > x.shape[3])
            throw new ArgumentException($"{name}({height}, {width}) does not fit images of {x.shape[2]}x{x.shape[3]}");
    }
}
