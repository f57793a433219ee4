using System;
using TorchSharp;

namespace NetDsl.Runtime.Data;

/// <summary>How <see cref="ImageFolderDataset"/> decodes its images.</summary>
public sealed class ImageFolderOptions
{
    /// <summary>1 for grey, 3 for RGB (default).</summary>
    public int Channels { get; init; } = 3;

    /// <summary>
    /// Resize every image to this width and height while decoding. Without it, all images must have the size of the
    /// first one (a batch is one tensor).
    /// </summary>
    public (int Width, int Height)? Size { get; init; }

    /// <summary>Applied to each decoded sample <c>[C, H, W]</c> (for example <see cref="Transforms.Normalize(float, float)"/>).</summary>
    public Func<torch.Tensor, torch.Tensor>? Transform { get; init; }

    /// <summary>Read every image's header when the dataset is created, so an unreadable file fails at once (default true).</summary>
    public bool ValidateOnLoad { get; init; } = true;
}
