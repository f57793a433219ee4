using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Images in one subfolder per class (<c>root/cat/1.png</c>, <c>root/dog/7.jpg</c>), like torchvision's ImageFolder:
/// classes are the subfolder names in ordinal order, labels their indices. Files without an image extension are
/// ignored; links to folders inside a class folder are not followed; images are decoded with SkiaSharp when a batch
/// is requested (on the loader's background thread).
/// </summary>
public sealed class ImageFolderDataset : IDataset
{
    private readonly string[] _files;
    private readonly long[] _labels;
    private readonly ImageFolderOptions _options;
    private readonly (int Width, int Height) _size;

    /// <exception cref="DataFormatException">
    /// The folder is missing, has no class subfolders, a class folder has no images, or (with validation) an image is
    /// unreadable or of a different size.
    /// </exception>
    public ImageFolderDataset(string root, ImageFolderOptions? options = null)
    {
        _options = options ?? new ImageFolderOptions();
        if (_options.Channels is not (1 or 3))
            throw new ArgumentOutOfRangeException(nameof(options), $"Channels must be 1 (grey) or 3 (RGB), not {_options.Channels}");
        Root = Path.GetFullPath(root);
        if (!Directory.Exists(Root))
            throw new DataFormatException(Root, "folder not found");

        var classFolders = Directory.GetDirectories(Root).OrderBy(d => Path.GetFileName(d), StringComparer.Ordinal).ToArray();
        if (classFolders.Length == 0)
        {
            var loose = Directory.GetFiles(Root).Count(ImageFile.HasImageExtension);
            throw new DataFormatException(Root, loose > 0
                ? $"has {loose} images but no class subfolders; put each class's images in a subfolder named after the class (root/cat/*.png, root/dog/*.png)"
                : "is empty: expected one subfolder of images per class (root/cat/*.png, root/dog/*.png)");
        }

        var files = new List<string>();
        var labels = new List<long>();
        for (var label = 0; label < classFolders.Length; label++)
        {
            var images = ImagesUnder(classFolders[label])
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray();
            if (images.Length == 0)
                throw new DataFormatException(classFolders[label],
                    $"class folder '{Path.GetFileName(classFolders[label])}' has no images ({string.Join(", ", ImageFile.Extensions)}); add some or remove the folder");
            files.AddRange(images);
            labels.AddRange(Enumerable.Repeat((long)label, images.Length));
        }
        _files = files.ToArray();
        _labels = labels.ToArray();
        Classes = classFolders.Select(d => Path.GetFileName(d)!).ToArray();

        _size = _options.Size ?? ImageFile.ReadSize(_files[0]);
        if (_options.ValidateOnLoad)
        {
            foreach (var file in _files)
            {
                var size = ImageFile.ReadSize(file);
                if (_options.Size is null && size != _size)
                    throw SizeMismatch(file, size);
            }
        }
    }

    /// <summary>
    /// The image files in a class folder and the folders below it. Links to folders below a class folder are not
    /// followed (a link to "." or ".." would list the same images again and again, or forever); links to files are.
    /// </summary>
    private static IEnumerable<string> ImagesUnder(string classFolder)
    {
        var folders = new Stack<string>();
        folders.Push(classFolder);
        while (folders.Count > 0)
        {
            var folder = folders.Pop();
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                if (ImageFile.HasImageExtension(file))
                    yield return file;
            }
            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                if (new DirectoryInfo(child).LinkTarget is null)
                    folders.Push(child);
            }
        }
    }

    /// <summary>The root folder (absolute).</summary>
    public string Root { get; }

    public long Count => _files.Length;

    public IReadOnlyList<string> Classes { get; }

    /// <summary>Every image file, in sample order.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>The label of every sample.</summary>
    public IReadOnlyList<long> Labels => _labels;

    public Batch GetBatch(IReadOnlyList<long> indices) => ReadSamples(indices).ToBatch();

    public bool ReadsAhead => true;

    /// <summary>Decodes the images (SkiaSharp; no torch call, so it runs on the loader's background thread).</summary>
    /// <exception cref="DataFormatException">An image is unreadable, truncated or of another size.</exception>
    public SampleBlock ReadSamples(IReadOnlyList<long> indices)
    {
        var channels = _options.Channels;
        var sampleLength = checked(channels * _size.Width * _size.Height);
        var pixels = new float[checked(indices.Count * sampleLength)];
        var labels = new long[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            var index = indices[i];
            if (index < 0 || index >= _files.Length)
                throw new ArgumentOutOfRangeException(nameof(indices), $"sample {index} does not exist: the dataset has {_files.Length} samples");
            var file = _files[index];
            var sample = ImageFile.Decode(file, channels, _options.Size, out var width, out var height);
            if ((width, height) != _size)
                throw SizeMismatch(file, (width, height));
            Array.Copy(sample, 0, pixels, i * sampleLength, sampleLength);
            labels[i] = _labels[index];
        }
        return new SampleBlock(pixels, new long[] { channels, _size.Height, _size.Width }, labels, _options.Transform);
    }

    private DataFormatException SizeMismatch(string file, (int Width, int Height) size) =>
        new(file, $"is {size.Width}x{size.Height} but this dataset's images are {_size.Width}x{_size.Height} (the size of {Path.GetFileName(_files[0])}); " +
                  "set ImageFolderOptions.Size to resize every image while decoding");
}
