using System;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using SkiaSharp;
using TorchSharp;
using Xunit;

namespace NetDsl.Runtime.Tests.Data;

public sealed class ImageFolderDatasetTests
{
    private static string TwoClasses()
    {
        var root = TestPaths.NewTempFolder();
        DataFiles.Image(Path.Combine(root, "red", "a.png"), 8, 6, new SKColor(255, 0, 0));
        DataFiles.Image(Path.Combine(root, "red", "b.png"), 8, 6, new SKColor(255, 0, 0));
        DataFiles.Image(Path.Combine(root, "blue", "x.jpg"), 8, 6, new SKColor(0, 0, 255), SKEncodedImageFormat.Jpeg);
        File.WriteAllText(Path.Combine(root, "blue", "notes.txt"), "not an image, ignored");
        return root;
    }

    [Fact]
    public void Classes_AreSortedSubfolders_AndImagesDecodeToCHW()
    {
        TorchNative.EnsureLoaded();
        var dataset = new ImageFolderDataset(TwoClasses());
        Assert.Equal(new[] { "blue", "red" }, dataset.Classes);
        Assert.Equal(3, dataset.Count);
        Assert.Equal(new long[] { 0, 1, 1 }, dataset.Labels);

        using var batch = dataset.GetBatch(new long[] { 1, 0 });
        Assert.Equal(new long[] { 2, 3, 6, 8 }, batch.Inputs.shape);
        Assert.Equal(new long[] { 1, 0 }, batch.Targets.data<long>().ToArray());
        Assert.Equal(1f, batch.Inputs[0, 0, 3, 4].item<float>(), 3);    // red image, red channel
        Assert.Equal(0f, batch.Inputs[0, 2, 3, 4].item<float>(), 3);
        Assert.True(batch.Inputs[1, 2, 3, 4].item<float>() > 0.9f);     // blue JPEG, blue channel
    }

    [Fact]
    public void Grey_AndResize_AndSampleTransform()
    {
        TorchNative.EnsureLoaded();
        var dataset = new ImageFolderDataset(TwoClasses(), new ImageFolderOptions
        {
            Channels = 1, Size = (4, 5), Transform = x => x * 2,
        });
        using var batch = dataset.GetBatch(new long[] { 2 });
        Assert.Equal(new long[] { 1, 1, 5, 4 }, batch.Inputs.shape);
        Assert.Equal(2 * 0.299f, batch.Inputs[0, 0, 2, 2].item<float>(), 2);   // luma of pure red, doubled
    }

    [Fact]
    public void MissingOrEmptyRoot_IsAClearError()
    {
        var missing = Path.Combine(TestPaths.NewTempFolder(), "nope");
        Assert.Contains("folder not found", Assert.Throws<DataFormatException>(() => new ImageFolderDataset(missing)).Message);

        var empty = TestPaths.NewTempFolder();
        var error = Assert.Throws<DataFormatException>(() => new ImageFolderDataset(empty));
        Assert.Equal(empty, error.Path);
        Assert.Contains("is empty: expected one subfolder of images per class", error.Message);

        DataFiles.Image(Path.Combine(empty, "loose.png"), 2, 2, SKColors.White);
        Assert.Contains("has 1 images but no class subfolders", Assert.Throws<DataFormatException>(() => new ImageFolderDataset(empty)).Message);
    }

    [Fact]
    public void EmptyClassFolder_IsNamed()
    {
        var root = TwoClasses();
        Directory.CreateDirectory(Path.Combine(root, "green"));
        File.WriteAllText(Path.Combine(root, "green", "readme.md"), "no images here");
        var error = Assert.Throws<DataFormatException>(() => new ImageFolderDataset(root));
        Assert.Equal(Path.Combine(root, "green"), error.Path);
        Assert.Contains("class folder 'green' has no images", error.Message);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("empty")]
    public void UnreadableImage_IsNamed_WhenTheDatasetIsCreated(string kind)
    {
        var root = TwoClasses();
        var bad = Path.Combine(root, "red", "c.png");
        if (kind == "text")
            File.WriteAllText(bad, "this is not a PNG");
        else
            File.WriteAllBytes(bad, Array.Empty<byte>());
        var error = Assert.Throws<DataFormatException>(() => new ImageFolderDataset(root));
        Assert.Equal(bad, error.Path);
        Assert.Contains(kind == "text" ? "is not a readable image" : "is empty (0 bytes)", error.Message);
    }

    [Fact]
    public void TruncatedImage_IsNamed_WhenItIsDecoded_EvenOnTheLoadersBackgroundThread()
    {
        TorchNative.EnsureLoaded();
        var root = TwoClasses();
        var bad = DataFiles.Image(Path.Combine(root, "red", "big.png"), 8, 6, SKColors.Red);
        // A noisy image compresses badly, so cutting it leaves a valid header and missing pixel data.
        using (var bitmap = new SKBitmap(8, 6))
        {
            var random = new Random(1);
            for (var y = 0; y < 6; y++)
                for (var x = 0; x < 8; x++)
                    bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            using var data = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100);
            var bytes = data.ToArray();
            File.WriteAllBytes(bad, bytes[..(bytes.Length * 2 / 3)]);
        }
        var dataset = new ImageFolderDataset(root);   // the header is intact
        var loader = new DataLoader(dataset, batchSize: 2, prefetch: 2);
        var error = Assert.Throws<DataFormatException>(() =>
        {
            foreach (var batch in loader)
                batch.Dispose();
        });
        Assert.Equal(bad, error.Path);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void ImagesOfDifferentSizes_NeedASize_AndTheOddOneIsNamed()
    {
        TorchNative.EnsureLoaded();
        var root = TwoClasses();
        var odd = DataFiles.Image(Path.Combine(root, "red", "c.png"), 5, 5, SKColors.Red);
        var error = Assert.Throws<DataFormatException>(() => new ImageFolderDataset(root));
        Assert.Equal(odd, error.Path);
        Assert.Contains("is 5x5 but this dataset's images are 8x6", error.Message);
        Assert.Contains("ImageFolderOptions.Size", error.Message);

        var resized = new ImageFolderDataset(root, new ImageFolderOptions { Size = (8, 6) });
        using var batch = resized.GetBatch(Enumerable.Range(0, 4).Select(i => (long)i).ToArray());
        Assert.Equal(new long[] { 4, 3, 6, 8 }, batch.Inputs.shape);
    }
}
