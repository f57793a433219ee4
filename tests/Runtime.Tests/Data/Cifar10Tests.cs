using System;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Data;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Data;

public sealed class Cifar10Tests
{
    // Record r of a file: label (r + offset) % 10; red plane (y * 32 + x) % 256, green 255 - that, blue the record's index.
    private static byte[] Records(int count, int offset)
    {
        var bytes = new byte[count * Cifar10Reader.RecordBytes];
        for (var r = 0; r < count; r++)
        {
            var at = r * Cifar10Reader.RecordBytes;
            bytes[at] = (byte)((r + offset) % 10);
            for (var i = 0; i < 1024; i++)
            {
                bytes[at + 1 + i] = (byte)(i % 256);
                bytes[at + 1 + 1024 + i] = (byte)(255 - i % 256);
                bytes[at + 1 + 2048 + i] = (byte)(offset * 10 + r);
            }
        }
        return bytes;
    }

    private static string Folder(int perFile = 3)
    {
        var folder = TestPaths.NewTempFolder();
        for (var f = 1; f <= 5; f++)
            File.WriteAllBytes(Path.Combine(folder, $"data_batch_{f}.bin"), Records(perFile, f));
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), Records(2, 7));
        return folder;
    }

    [Fact]
    public void TrainingSet_IsTheFiveFilesInOrder_PlanesRedGreenBlue_RowsTopDown()
    {
        var folder = Folder();
        using var train = Cifar10.Load(folder, MnistSet.Train);
        Assert.Equal(15, train.Count);
        Assert.Equal(Cifar10.Classes, train.Classes);
        Assert.Equal(new long[] { 15, 3, 32, 32 }, train.Inputs.shape);
        Assert.Equal(ScalarType.Float32, train.Inputs.dtype);
        Assert.Equal(new long[] { 1, 2, 3, 2, 3, 4, 3, 4, 5, 4, 5, 6, 5, 6, 7 }, train.Targets.data<long>().ToArray());
        // Image 4 is file 2's second record.
        var image = train.Inputs[4] * 255;
        Assert.Equal(0f, image[0, 0, 0].item<float>(), 3);
        Assert.Equal(33f, image[0, 1, 1].item<float>(), 3);       // row 1, column 1 = pixel 33
        Assert.Equal(255f - (3 * 32 + 7) % 256, image[1, 3, 7].item<float>(), 3);
        Assert.Equal(21f, image[2, 31, 31].item<float>(), 3);     // blue: file 2 x 10 + record 1
        Assert.InRange(train.Inputs.max().item<float>(), 0.99f, 1f);

        using var test = Cifar10.Load(folder, MnistSet.Test);
        Assert.Equal(new long[] { 7, 8 }, test.Targets.data<long>().ToArray());
    }

    [Fact]
    public void MalformedFiles_AreRefused_NamingTheFileAndWhatIsWrong()
    {
        var folder = Folder();
        var path = Path.Combine(folder, "data_batch_3.bin");

        File.WriteAllBytes(path, Records(3, 3)[..^100]);
        var error = Assert.Throws<DataFormatException>(() => Cifar10.Load(folder, MnistSet.Train));
        Assert.Equal(path, error.Path);
        Assert.Contains("not a whole number of 3,073-byte records", error.Message);

        var badLabel = Records(3, 3);
        badLabel[2 * Cifar10Reader.RecordBytes] = 10;
        File.WriteAllBytes(path, badLabel);
        error = Assert.Throws<DataFormatException>(() => Cifar10.Load(folder, MnistSet.Train));
        Assert.Contains("record 2 (byte 6,146) has label 10", error.Message);

        File.WriteAllBytes(path, Array.Empty<byte>());
        Assert.Contains("is empty", Assert.Throws<DataFormatException>(() => Cifar10.Load(folder, MnistSet.Train)).Message);

        File.Delete(path);
        error = Assert.Throws<DataFormatException>(() => Cifar10.Load(folder, MnistSet.Train));
        Assert.Equal(path, error.Path);
        Assert.Contains("file not found; the training set is data_batch_1.bin", error.Message);

        error = Assert.Throws<DataFormatException>(() => Cifar10.Load(Path.Combine(folder, "missing"), MnistSet.Test));
        Assert.Contains("folder not found", error.Message);
    }
}
