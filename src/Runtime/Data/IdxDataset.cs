using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;

namespace NetDsl.Runtime.Data;

/// <summary>Image/label pairs of the MNIST family, read from two IDX files into a <see cref="TensorDataset"/>.</summary>
public static class IdxDataset
{
    /// <summary>
    /// Loads an images file (<c>[N, H, W]</c> or <c>[N, C, H, W]</c> ubyte) and a labels file (<c>[N]</c> ubyte) as
    /// inputs float32 <c>[N, C, H, W]</c> scaled to [0, 1] and targets int64 <c>[N]</c>.
    /// </summary>
    /// <exception cref="DataFormatException">Either file is missing or malformed, the counts differ, or a label is not a class.</exception>
    public static TensorDataset Load(string imagesPath, string labelsPath, IReadOnlyList<string>? classes = null)
    {
        TorchNative.EnsureLoaded();
        var images = IdxReader.Read(imagesPath);
        var labels = IdxReader.Read(labelsPath);
        if (images.Type != IdxDataType.UnsignedByte || images.Shape.Count is not (3 or 4))
            throw new DataFormatException(imagesPath,
                $"expected images as ubyte [N, H, W] or [N, C, H, W], found {images.Type} [{string.Join(", ", images.Shape)}]; is this the labels file?");
        if (labels.Type != IdxDataType.UnsignedByte || labels.Shape.Count != 1)
            throw new DataFormatException(labelsPath,
                $"expected labels as ubyte [N], found {labels.Type} [{string.Join(", ", labels.Shape)}]; is this the images file?");
        if (labels.Count != images.Count)
            throw new DataFormatException(labelsPath,
                $"has {labels.Count:N0} labels but {Path.GetFileName(imagesPath)} has {images.Count:N0} images; the two files must belong to the same set");
        if (classes is not null)
        {
            var max = labels.Data.Length == 0 ? (byte)0 : labels.Data.Max();
            if (max >= classes.Count)
            {
                var at = Array.IndexOf<byte>(labels.Data, max);
                throw new DataFormatException(labelsPath, $"label {max} (sample {at}) is not one of the {classes.Count} classes");
            }
        }

        using var scope = torch.NewDisposeScope();
        var pixels = images.ToTensor();
        if (images.Shape.Count == 3)
            pixels = pixels.unsqueeze(1);
        var inputs = pixels.to(torch.float32).div_(255f);
        var targets = labels.ToTensor().to(torch.int64);
        return new TensorDataset(inputs.MoveToOuterDisposeScope(), targets.MoveToOuterDisposeScope(), classes);
    }

    /// <summary>
    /// Loads one set of a MNIST-family folder by its usual file names: <c>train-images-idx3-ubyte[.gz]</c> and
    /// <c>train-labels-idx1-ubyte[.gz]</c> for <see cref="MnistSet.Train"/>, <c>t10k-…</c> for <see cref="MnistSet.Test"/>
    /// (the dotted variants <c>train-images.idx3-ubyte</c> are found too).
    /// </summary>
    public static TensorDataset LoadMnistFolder(string folder, MnistSet set, IReadOnlyList<string>? classes = null)
    {
        var images = FindMnistFile(folder, set, "images", 3)
            ?? throw new DataFormatException(folder, $"no {Prefix(set)}-images-idx3-ubyte[.gz] file here");
        var labels = FindMnistFile(folder, set, "labels", 1)
            ?? throw new DataFormatException(folder, $"no {Prefix(set)}-labels-idx1-ubyte[.gz] file here");
        return Load(images, labels, classes);
    }

    /// <summary>True when the folder holds both files of <paramref name="set"/>.</summary>
    public static bool HasMnistSet(string folder, MnistSet set) =>
        FindMnistFile(folder, set, "images", 3) is not null && FindMnistFile(folder, set, "labels", 1) is not null;

    private static string? FindMnistFile(string folder, MnistSet set, string kind, int rank)
    {
        if (!Directory.Exists(folder))
            return null;
        var stem = Prefix(set);
        var names = new[] { $"{stem}-{kind}-idx{rank}-ubyte", $"{stem}-{kind}.idx{rank}-ubyte" };
        return names.SelectMany(n => new[] { n, n + ".gz" })
            .Select(n => Path.Combine(folder, n))
            .FirstOrDefault(File.Exists);
    }

    private static string Prefix(MnistSet set) => set == MnistSet.Train ? "train" : "t10k";
}
