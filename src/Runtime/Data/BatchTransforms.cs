using System;
using TorchSharp;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Mixup and CutMix: each batch is blended with a shuffled copy of itself and the targets become class
/// probabilities <c>[N, classes]</c> in the same proportion, which <c>Losses.CrossEntropy</c> (soft targets),
/// <c>Losses.BinaryCrossEntropy</c> and the accuracy metrics (argmax of the target) take as they are. One mixing
/// share λ per batch, drawn from Beta(α, α) with torch's generator (seeded fits repeat it). Targets may be class
/// indices <c>[N]</c> or already probabilities <c>[N, classes]</c>.
/// </summary>
public static class BatchTransforms
{
    /// <summary>Zhang et al. 2018: x = λ x + (1 - λ) x[perm], the same for the targets.</summary>
    public static BatchTransform Mixup(int classes, double alpha = 0.2)
    {
        Check(classes, alpha);
        return (inputs, targets) =>
        {
            using var scope = NewDisposeScope();
            var lambda = Lambda(alpha);
            var permutation = randperm(inputs.shape[0], device: inputs.device);
            var mixed = inputs * lambda + inputs.index_select(0, permutation) * (1 - lambda);
            var soft = Mix(Probabilities(targets, classes, inputs.dtype), permutation, lambda);
            return (mixed.MoveToOuterDisposeScope(), soft.MoveToOuterDisposeScope());
        };
    }

    /// <summary>
    /// Yun et al. 2019: a box of each image is replaced by the same box of its partner; the box covers a share 1 - λ of
    /// the area (clipped at the borders, λ then recomputed from the box that was pasted).
    /// </summary>
    public static BatchTransform CutMix(int classes, double alpha = 1.0)
    {
        Check(classes, alpha);
        return (inputs, targets) =>
        {
            if (inputs.dim() != 4)
                throw new ArgumentException($"CutMix takes images [N, C, H, W], not [{string.Join(", ", inputs.shape)}]");
            using var scope = NewDisposeScope();
            var (height, width) = (inputs.shape[2], inputs.shape[3]);
            var lambda = Lambda(alpha);
            var centre = rand(2, dtype: float64).data<double>().ToArray();
            var cut = Math.Sqrt(1 - lambda);
            var (cutHeight, cutWidth) = ((long)(height * cut), (long)(width * cut));
            var (centreY, centreX) = ((long)(centre[0] * height), (long)(centre[1] * width));
            var (top, bottom) = (Math.Clamp(centreY - cutHeight / 2, 0, height), Math.Clamp(centreY + cutHeight / 2, 0, height));
            var (left, right) = (Math.Clamp(centreX - cutWidth / 2, 0, width), Math.Clamp(centreX + cutWidth / 2, 0, width));
            var permutation = randperm(inputs.shape[0], device: inputs.device);
            var mixed = inputs.clone();
            var rows = TensorIndex.Slice(top, bottom);
            var columns = TensorIndex.Slice(left, right);
            mixed[TensorIndex.Colon, TensorIndex.Colon, rows, columns] =
                inputs.index_select(0, permutation)[TensorIndex.Colon, TensorIndex.Colon, rows, columns];
            var kept = 1 - (double)((bottom - top) * (right - left)) / (height * width);
            var soft = Mix(Probabilities(targets, classes, inputs.dtype), permutation, kept);
            return (mixed.MoveToOuterDisposeScope(), soft.MoveToOuterDisposeScope());
        };
    }

    private static void Check(int classes, double alpha)
    {
        if (classes < 2)
            throw new ArgumentOutOfRangeException(nameof(classes), $"mixing labels needs at least 2 classes, not {classes}");
        if (!(alpha > 0))
            throw new ArgumentOutOfRangeException(nameof(alpha), $"alpha of Beta(alpha, alpha) must be positive, not {alpha}");
    }

    private static double Lambda(double alpha)
    {
        using var a = tensor(alpha, float64);
        return distributions.Beta(a, a).sample().item<double>();
    }

    private static Tensor Probabilities(Tensor targets, int classes, ScalarType type)
    {
        if (targets.is_floating_point() && targets.dim() == 2)
        {
            if (targets.shape[1] != classes)
                throw new ArgumentException($"the targets hold {targets.shape[1]} class probabilities, not {classes}");
            return targets.to(type);
        }
        if (targets.dim() != 1 || targets.is_floating_point())
            throw new ArgumentException($"mixing needs class indices [N] or class probabilities [N, {classes}], not {targets.dtype} [{string.Join(", ", targets.shape)}]");
        var low = targets.min().item<long>();
        var high = targets.max().item<long>();
        if (low < 0 || high >= classes)
            throw new ArgumentException($"target {(low < 0 ? low : high)} is not one of the {classes} classes");
        return nn.functional.one_hot(targets, classes).to(type);
    }

    private static Tensor Mix(Tensor probabilities, Tensor permutation, double lambda) =>
        probabilities * lambda + probabilities.index_select(0, permutation) * (1 - lambda);
}
