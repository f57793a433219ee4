using System;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using TorchSharp;
using Xunit;

namespace NetDsl.Runtime.Tests.Data;

public sealed class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ImagesAndLabels_RoundTrip_RawOrGzip(bool gzip)
    {
        TorchNative.EnsureLoaded();
        var folder = TestPaths.NewTempFolder();
        var pixels = DataFiles.Pixels(5, 4, 3);
        // Names without .gz on purpose: compression is detected from the content.
        var images = DataFiles.Idx(folder, "images", new[] { 5, 4, 3 }, pixels, gzip);
        var labels = DataFiles.Idx(folder, "labels", new[] { 5 }, new byte[] { 3, 1, 4, 1, 5 }, gzip);

        var array = IdxReader.Read(images);
        Assert.Equal(new[] { 5, 4, 3 }, array.Shape);
        Assert.Equal(IdxDataType.UnsignedByte, array.Type);
        Assert.Equal(pixels, array.Data);

        using var dataset = IdxDataset.Load(images, labels);
        Assert.Equal(5, dataset.Count);
        Assert.Equal(new long[] { 5, 1, 4, 3 }, dataset.Inputs.shape);
        Assert.Equal(torch.float32, dataset.Inputs.dtype);
        Assert.Equal(new long[] { 3, 1, 4, 1, 5 }, dataset.Targets.data<long>().ToArray());
        Assert.Equal(pixels[13] / 255f, dataset.Inputs[1, 0, 0, 1].item<float>(), 6);
    }

    [Fact]
    public void OtherElementTypes_AreBigEndian()
    {
        TorchNative.EnsureLoaded();
        var folder = TestPaths.NewTempFolder();
        var data = new byte[] { 0x00, 0x00, 0x01, 0x02, 0xFF, 0xFF, 0xFF, 0xFE };
        var path = DataFiles.Idx(folder, "ints", new[] { 2 }, data, type: 0x0C);
        using var tensor = IdxReader.Read(path).ToTensor();
        Assert.Equal(new[] { 258, -2 }, tensor.data<int>().ToArray());
    }

    [Fact]
    public void MnistFolder_FindsTheUsualFileNames()
    {
        var folder = TestPaths.NewTempFolder();
        DataFiles.Idx(folder, "t10k-images-idx3-ubyte.gz", new[] { 2, 28, 28 }, DataFiles.Pixels(2, 28, 28), gzip: true);
        DataFiles.Idx(folder, "t10k-labels-idx1-ubyte.gz", new[] { 2 }, new byte[] { 9, 0 }, gzip: true);
        Assert.True(IdxDataset.HasMnistSet(folder, MnistSet.Test));
        Assert.False(IdxDataset.HasMnistSet(folder, MnistSet.Train));
        using var test = FashionMnist.Load(folder, MnistSet.Test);
        Assert.Equal(2, test.Count);
        Assert.Equal("Ankle boot", test.Classes![9]);

        var error = Assert.Throws<DataFormatException>(() => FashionMnist.Load(folder, MnistSet.Train));
        Assert.Contains("train-images-idx3-ubyte", error.Message);
        Assert.Equal(folder, error.Path);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedData_NamesTheFileAndTheSizes(bool gzip)
    {
        var folder = TestPaths.NewTempFolder();
        var path = DataFiles.Idx(folder, "short.idx", new[] { 10, 28, 28 }, DataFiles.Pixels(9, 28, 28), gzip);
        var error = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.Contains("7,840 bytes of data but only 7,056 follow", error.Message);
    }

    [Fact]
    public void TruncatedGzipStream_IsAClearError()
    {
        var folder = TestPaths.NewTempFolder();
        var path = DataFiles.Idx(folder, "cut.gz", new[] { 50, 28, 28 }, DataFiles.Pixels(50, 28, 28), gzip: true);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<DataFormatException>(() => IdxReader.Read(path));
        Assert.Equal(path, error.Path);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void TruncatedHeader_AndTrailingBytes_AndBadMagic_AreClearErrors()
    {
        var folder = TestPaths.NewTempFolder();
        var header = Path.Combine(folder, "header");
        File.WriteAllBytes(header, new byte[] { 0, 0, 8, 3, 0, 0 });
        Assert.Contains("truncated: the header declares 3 dimensions", Assert.Throws<DataFormatException>(() => IdxReader.Read(header)).Message);

        var trailing = DataFiles.Idx(folder, "trailing", new[] { 2 }, new byte[] { 1, 2, 3 });
        Assert.Contains("1 unexpected bytes after", Assert.Throws<DataFormatException>(() => IdxReader.Read(trailing)).Message);

        var png = Path.Combine(folder, "picture.idx");
        File.WriteAllBytes(png, new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0 });
        Assert.Contains("not an IDX file", Assert.Throws<DataFormatException>(() => IdxReader.Read(png)).Message);

        var type = DataFiles.Idx(folder, "type", new[] { 1 }, new byte[] { 1 }, type: 0x07);
        Assert.Contains("unknown IDX element type 0x07", Assert.Throws<DataFormatException>(() => IdxReader.Read(type)).Message);

        var empty = Path.Combine(folder, "empty");
        File.WriteAllBytes(empty, Array.Empty<byte>());
        Assert.Contains("too short", Assert.Throws<DataFormatException>(() => IdxReader.Read(empty)).Message);

        Assert.Contains("file not found", Assert.Throws<DataFormatException>(() => IdxReader.Read(Path.Combine(folder, "nope"))).Message);
    }

    [Fact]
    public void LabelCountThatDiffersFromImageCount_NamesBothCounts()
    {
        var folder = TestPaths.NewTempFolder();
        var images = DataFiles.Idx(folder, "images", new[] { 4, 2, 2 }, DataFiles.Pixels(4, 2, 2));
        var labels = DataFiles.Idx(folder, "labels", new[] { 3 }, new byte[] { 0, 1, 2 });
        var error = Assert.Throws<DataFormatException>(() => IdxDataset.Load(images, labels));
        Assert.Equal(labels, error.Path);
        Assert.Contains("has 3 labels but images has 4 images", error.Message);
    }

    [Fact]
    public void SwappedFiles_AndLabelsOutsideTheClasses_AreClearErrors()
    {
        var folder = TestPaths.NewTempFolder();
        var images = DataFiles.Idx(folder, "images", new[] { 2, 2, 2 }, DataFiles.Pixels(2, 2, 2));
        var labels = DataFiles.Idx(folder, "labels", new[] { 2 }, new byte[] { 0, 12 });
        Assert.Contains("is this the labels file?", Assert.Throws<DataFormatException>(() => IdxDataset.Load(labels, images)).Message);
        var error = Assert.Throws<DataFormatException>(() => IdxDataset.Load(images, labels, FashionMnist.Classes));
        Assert.Contains("label 12 (sample 1) is not one of the 10 classes", error.Message);
    }
}
