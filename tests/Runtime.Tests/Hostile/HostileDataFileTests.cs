using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using NetDsl.Runtime.Data;
using NetDsl.Runtime.Tests.Data;
using NetDsl.Runtime.Tests.Training;
using NetDsl.Runtime.Weights.Zip;
using SkiaSharp;
using Xunit;

namespace NetDsl.Runtime.Tests.Hostile;

/// <summary>
/// Training data that is small on disk and huge in memory (a PNG declaring 144 megapixels, a gzip bomb, an IDX
/// header whose dimensions overflow), folder links that repeat or never end, and FIFOs: refused with a
/// DataFormatException, within bounds measured in a child process.
/// </summary>
[Collection(TorchRngCollection.Name)] // one test changes ImageFile.MaxPixels, which every image decode reads
public sealed class HostileDataFileTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>A 1-bit greyscale PNG of this size, all black: a few kilobytes for any size (its rows deflate to nothing).</summary>
    private static string BlackPng(string path, int width, int height)
    {
        using var file = File.Create(path);
        file.Write(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a });
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 1;   // bit depth 1, colour type 0 (grey), deflate, no filter choice, no interlace
        Chunk(file, "IHDR", header);
        var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[1 + (width + 7) / 8];   // filter byte 0, then the row's bits
            for (var y = 0; y < height; y++)
                zlib.Write(row);
        }
        Chunk(file, "IDAT", pixels.ToArray());
        Chunk(file, "IEND", Array.Empty<byte>());
        return path;
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        file.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Append(0, typed));
        file.Write(crc);
    }

    [Theory]
    [InlineData(12000, 12000)]
    [InlineData(26755, 26755)]
    public void AnImageDeclaringMorePixelsThanTheLimit_IsRefusedBeforeDecoding(int width, int height)
    {
        var path = BlackPng(Path.Combine(TestPaths.NewTempFolder(), "huge.png"), width, height);
        Assert.True(new FileInfo(path).Length < 200_000);

        var outcome = ChildProcess.Run(Limit, "image", path);

        Assert.Equal(nameof(DataFormatException), outcome.Type);
        Assert.Contains($"declares {width}x{height}", outcome.Message);
        Assert.Contains("ImageFile.MaxPixels", outcome.Message);
        Assert.True(outcome.GrowthMb < 150, outcome.ToString());   // 12000x12000 took 3.9 GB before
    }

    [Fact]
    public void MaxPixels_IsTheLimit_AndCanBeRaised()
    {
        TorchNative.EnsureLoaded();
        var path = BlackPng(Path.Combine(TestPaths.NewTempFolder(), "small.png"), 40, 30);
        var saved = ImageFile.MaxPixels;
        try
        {
            ImageFile.MaxPixels = 1000;
            Assert.Contains("40x30 = 1,200 pixels, more than ImageFile.MaxPixels (1,000)", Assert.Throws<DataFormatException>(() => ImageFile.Load(path)).Message);
            Assert.Contains("resizing to 50x50", Assert.Throws<DataFormatException>(() => ImageFile.Load(BlackPng(path + ".png", 20, 20), size: (50, 50))).Message);
            ImageFile.MaxPixels = 1200;
            using var image = ImageFile.Load(path, channels: 1);
            Assert.Equal(new long[] { 1, 30, 40 }, image.shape);
        }
        finally
        {
            ImageFile.MaxPixels = saved;
        }
    }

    [Fact]
    public void AnIdxHeaderWhoseDimensionsOverflow_IsRefused()
    {
        var folder = TestPaths.NewTempFolder();
        var path = DataFiles.Idx(folder, "overflow-idx3-ubyte", new[] { 65536, 65536, 65536, 65536 }, Array.Empty<byte>());

        var error = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));

        Assert.Contains("more than the", error.Message);
        Assert.Contains("one array can hold", error.Message);
    }

    [Fact]
    public void AnIdxGzipBomb_IsRefusedAfterTheDeclaredData_NotAfterDecompressingIt()
    {
        // 10 declared bytes, then 1 GiB of zeros (1 MB compressed).
        var path = Path.Combine(TestPaths.NewTempFolder(), "bomb-idx1-ubyte.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(new byte[] { 0, 0, 8, 1, 0, 0, 0, 10 });
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 1024; i++)
                gzip.Write(zeros);
        }

        var outcome = ChildProcess.Run(Limit, "idx", path);

        Assert.Equal(nameof(DataFormatException), outcome.Type);
        Assert.Contains("more bytes follow the 10 bytes of data the header declares", outcome.Message);
        Assert.True(outcome.GrowthMb < 100, outcome.ToString());
        Assert.True(outcome.Seconds < 10, outcome.ToString());
    }

    [Fact]
    public void AShortGzipDeclaringGigabytes_IsTruncated_WithoutAllocatingThem()
    {
        var folder = TestPaths.NewTempFolder();
        var path = DataFiles.Idx(folder, "short-idx3-ubyte.gz", new[] { 1 << 20, 32, 32 }, new byte[100], gzip: true);

        var outcome = ChildProcess.Run(Limit, "idx", path);

        Assert.Equal(nameof(DataFormatException), outcome.Type);
        Assert.Contains("truncated", outcome.Message);
        Assert.True(outcome.GrowthMb < 100, outcome.ToString());
    }

    [Fact]
    public void FolderLinksInAClassFolder_AreNotFollowed()
    {
        TorchNative.EnsureLoaded();
        var root = TestPaths.NewTempFolder();
        DataFiles.Image(Path.Combine(root, "cat", "a.png"), 4, 4, SKColors.Red);
        DataFiles.Image(Path.Combine(root, "cat", "inner", "b.png"), 4, 4, SKColors.Red);
        Directory.CreateSymbolicLink(Path.Combine(root, "cat", "again"), ".");

        var dataset = new ImageFolderDataset(root);

        Assert.Equal(2, dataset.Count);   // 41 before: the link was followed until the path was too long

        Directory.CreateSymbolicLink(Path.Combine(root, "cat", "twice"), ".");
        var outcome = ChildProcess.Run(Limit, "image-folder", root);   // two links to "." never ended before
        Assert.Equal("ok", outcome.Type);
        Assert.Equal("2 samples", outcome.Message);
    }

    [Fact]
    public void FifosAsImagesOrIdxFiles_AreRefused_WithoutWaiting()
    {
        var folder = TestPaths.NewTempFolder();
        var image = HostileKerasFileTests.MakeFifo(folder, "x.png");
        var idx = HostileKerasFileTests.MakeFifo(folder, "train-images-idx3-ubyte");

        foreach (var (kind, path) in new[] { ("image", image), ("idx", idx) })
        {
            var outcome = ChildProcess.Run(Limit, kind, path);
            Assert.Equal(nameof(DataFormatException), outcome.Type);
            Assert.Contains("not a regular file", outcome.Message);
        }
    }
}
