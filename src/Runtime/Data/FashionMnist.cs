using System.Collections.Generic;

namespace NetDsl.Runtime.Data;

/// <summary>Fashion-MNIST (Zalando Research): 28x28 grey images of 10 kinds of clothing, MNIST's file format.</summary>
public static class FashionMnist
{
    /// <summary>The class names by label.</summary>
    public static IReadOnlyList<string> Classes { get; } = new[]
    {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    };

    /// <summary>Mean and standard deviation of the training set's pixels in [0, 1], for <see cref="Transforms.Normalize(float, float)"/>.</summary>
    public static (float Mean, float Std) PixelStatistics => (0.2860f, 0.3530f);

    /// <summary>Loads one set from a folder holding the original files (see <see cref="IdxDataset.LoadMnistFolder"/>).</summary>
    public static TensorDataset Load(string folder, MnistSet set) => IdxDataset.LoadMnistFolder(folder, set, Classes);
}
