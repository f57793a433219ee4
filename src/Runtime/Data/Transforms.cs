using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Image transforms on tensors <c>[N, C, H, W]</c> (a batch) or <c>[C, H, W]</c> (one image), as
/// <c>Func&lt;Tensor, Tensor&gt;</c>. They are thin wrappers over TorchSharp tensor operations. TorchSharp's own
/// <c>torchvision.transforms</c> live in the separate TorchVision package; where it is available its transforms plug
/// in unchanged as <c>transform.call</c>. Random transforms draw from torch's global generator, so a seed fixes them
/// and a checkpoint's RNG state resumes them.
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
            var shape = new long[] { 1, mean.Length, 1, 1 };
            using var m = tensor(mean).reshape(shape).to(x.device);
            using var s = tensor(std).reshape(shape).to(x.device);
            return (x - m) / s;
        });
    }

    /// <summary>(x - mean) / std with the same values for every channel.</summary>
    public static Func<Tensor, Tensor> Normalize(float mean, float std) => Normalize(new[] { mean }, new[] { std });

    /// <summary>Resizes to <paramref name="height"/> x <paramref name="width"/> (bilinear, antialiased when shrinking).</summary>
    public static Func<Tensor, Tensor> Resize(int height, int width) =>
        input => Batched(input, x => nn.functional.interpolate(x, new long[] { height, width },
            mode: InterpolationMode.Bilinear, align_corners: false, antialias: height < x.shape[2] || width < x.shape[3]));

    /// <summary>The central <paramref name="height"/> x <paramref name="width"/> window.</summary>
    public static Func<Tensor, Tensor> CenterCrop(int height, int width) =>
        input => Batched(input, x =>
        {
            CheckFits(x, height, width, "CenterCrop");
            var top = (x.shape[2] - height) / 2;
            var left = (x.shape[3] - width) / 2;
            return x.narrow(2, top, height).narrow(3, left, width);
        });

    /// <summary>
    /// A random <paramref name="height"/> x <paramref name="width"/> window per image, after zero-padding every side by
    /// <paramref name="padding"/> pixels (the usual CIFAR/Fashion-MNIST augmentation).
    /// </summary>
    public static Func<Tensor, Tensor> RandomCrop(int height, int width, int padding = 0) =>
        input => Batched(input, x =>
        {
            var padded = padding > 0 ? nn.functional.pad(x, new long[] { padding, padding, padding, padding }) : x;
            CheckFits(padded, height, width, "RandomCrop");
            var n = padded.shape[0];
            var tops = randint(padded.shape[2] - height + 1, new long[] { n }).data<long>().ToArray();
            var lefts = randint(padded.shape[3] - width + 1, new long[] { n }).data<long>().ToArray();
            var crops = new Tensor[n];
            for (var i = 0; i < n; i++)
                crops[i] = padded[i].narrow(1, tops[i], height).narrow(2, lefts[i], width);
            return stack(crops);
        });

    /// <summary>Mirrors each image left-right with probability <paramref name="p"/>.</summary>
    public static Func<Tensor, Tensor> RandomHorizontalFlip(double p = 0.5) =>
        input => Batched(input, x =>
        {
            var flip = (rand(x.shape[0]) < p).reshape(-1, 1, 1, 1).to(x.device);
            return where(flip, x.flip(-1), x);
        });

    /// <summary>Mirrors every image left-right.</summary>
    public static Func<Tensor, Tensor> HorizontalFlip() => input => Batched(input, x => x.flip(-1));

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
