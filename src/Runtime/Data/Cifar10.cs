using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;

namespace NetDsl.Runtime.Data;

/// <summary>
/// CIFAR-10 (Krizhevsky 2009): 32x32 colour images of 10 classes, 50,000 for training in five files and 10,000 for
/// testing, in the dataset's binary version (the folder <c>cifar-10-batches-bin</c>). The files are not shipped:
/// point <see cref="Load"/> at the folder you downloaded.
/// </summary>
public static class Cifar10
{
    /// <summary>The class names by label (as in the dataset's <c>batches.meta.txt</c>).</summary>
    public static IReadOnlyList<string> Classes { get; } = new[]
    {
        "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
    };

    /// <summary>Per-channel mean and standard deviation of the training set's pixels in [0, 1], for <see cref="Transforms.Normalize(float[], float[])"/>.</summary>
    public static (float[] Mean, float[] Std) PixelStatistics => (new[] { 0.4914f, 0.4822f, 0.4465f }, new[] { 0.2470f, 0.2435f, 0.2616f });

    /// <summary>The file names of a set: <c>data_batch_1.bin</c> to <c>data_batch_5.bin</c>, or <c>test_batch.bin</c>.</summary>
    public static IReadOnlyList<string> FileNames(MnistSet set) => set == MnistSet.Train
        ? Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin").ToArray()
        : new[] { "test_batch.bin" };

    /// <summary>
    /// Loads one set (<see cref="MnistSet.Train"/> or <see cref="MnistSet.Test"/>, the split shared with the MNIST
    /// family) from the binary files in <paramref name="folder"/>: inputs float32 <c>[N, 3, 32, 32]</c> in [0, 1]
    /// (12 KB a sample: 600 MB for the training set), targets int64 <c>[N]</c>.
    /// </summary>
    /// <exception cref="DataFormatException">A file is missing or malformed (the message names it).</exception>
    public static TensorDataset Load(string folder, MnistSet set)
    {
        TorchNative.EnsureLoaded();
        if (!Directory.Exists(folder))
            throw new DataFormatException(folder, "folder not found; it should hold CIFAR-10's binary files (cifar-10-batches-bin)");
        var parts = FileNames(set).Select(name => Path.Combine(folder, name)).Select(path => File.Exists(path)
            ? Cifar10Reader.Read(path)
            : throw new DataFormatException(path, $"file not found; the {(set == MnistSet.Train ? "training" : "test")} set is {string.Join(", ", FileNames(set))}"))
            .ToArray();
        var pixels = Concatenate(parts.Select(p => p.Pixels));
        var labels = Concatenate(parts.Select(p => p.Labels));

        using var scope = torch.NewDisposeScope();
        var inputs = torch.tensor(pixels, torch.ScalarType.Byte).reshape(labels.Length, 3, 32, 32).to(torch.float32).div_(255f);
        var targets = torch.tensor(labels, torch.ScalarType.Byte).to(torch.int64);
        return new TensorDataset(inputs.MoveToOuterDisposeScope(), targets.MoveToOuterDisposeScope(), Classes);
    }

    private static byte[] Concatenate(IEnumerable<byte[]> arrays)
    {
        var all = arrays.ToArray();
        var result = new byte[all.Sum(a => (long)a.Length)];
        long at = 0;
        foreach (var array in all)
        {
            Buffer.BlockCopy(array, 0, result, (int)at, array.Length);
            at += array.Length;
        }
        return result;
    }
}
