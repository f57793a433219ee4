using System;
using System.IO;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Reads one file of CIFAR-10's binary version (<c>data_batch_1.bin</c> ... <c>test_batch.bin</c>): records of one label
/// byte (0-9) and 3,072 pixel bytes, the 32x32 red plane, then green, then blue, rows top to bottom. The file is read
/// once, whole, so memory is bounded by its size; a length that is not a whole number of records or a label that is
/// not a class is a <see cref="DataFormatException"/> naming the file and the record.
/// </summary>
public static class Cifar10Reader
{
    public const int ImageBytes = 3 * 32 * 32;
    public const int RecordBytes = 1 + ImageBytes;

    /// <summary>Pixels <c>[N, 3, 32, 32]</c> as bytes in that order, and the N labels.</summary>
    public static (byte[] Pixels, byte[] Labels) Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException e)
        {
            throw new DataFormatException(path, "file not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"cannot be read: {e.Message}", e);
        }
        if (bytes.Length == 0)
            throw new DataFormatException(path, "is empty; a CIFAR-10 batch file holds records of 3,073 bytes");
        if (bytes.Length % RecordBytes != 0)
            throw new DataFormatException(path,
                $"is {bytes.Length:N0} bytes, not a whole number of 3,073-byte records (1 label + 3,072 pixels): " +
                $"{bytes.Length / RecordBytes:N0} records and {bytes.Length % RecordBytes:N0} bytes more; is it truncated, or the Python version of CIFAR-10?");
        var count = bytes.Length / RecordBytes;
        var pixels = new byte[count * ImageBytes];
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var label = bytes[i * RecordBytes];
            if (label >= Cifar10.Classes.Count)
                throw new DataFormatException(path,
                    $"record {i} (byte {(long)i * RecordBytes:N0}) has label {label}; CIFAR-10 labels are 0 to 9 (CIFAR-100's binary records have two label bytes and are another format)");
            labels[i] = label;
            Buffer.BlockCopy(bytes, i * RecordBytes + 1, pixels, i * ImageBytes, ImageBytes);
        }
        return (pixels, labels);
    }
}
