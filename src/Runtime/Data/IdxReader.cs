using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace NetDsl.Runtime.Data;

/// <summary>
/// Reads IDX files (the MNIST family: MNIST, Fashion-MNIST, KMNIST, EMNIST), raw or gzip-compressed (detected by
/// content, not by name). Every defect — a wrong magic number, an unknown type, a truncated header or body, trailing
/// bytes, a broken gzip stream — is a <see cref="DataFormatException"/> naming the file.
/// </summary>
public static class IdxReader
{
    public static IdxArray Read(string path)
    {
        if (!File.Exists(path))
            throw new DataFormatException(path, "file not found");
        var bytes = ReadContent(path);

        if (bytes.Length < 4)
            throw new DataFormatException(path, $"too short to be an IDX file ({bytes.Length} bytes; the header alone is at least 8)");
        if (bytes[0] != 0 || bytes[1] != 0)
            throw new DataFormatException(path,
                $"not an IDX file: it starts with 0x{bytes[0]:X2} 0x{bytes[1]:X2}, not 0x00 0x00 (MNIST-family files begin 00 00 08 01 for labels, 00 00 08 03 for images)");
        var type = (IdxDataType)bytes[2];
        var elementSize = ElementSize(type)
            ?? throw new DataFormatException(path, $"unknown IDX element type 0x{bytes[2]:X2} (known: 08 ubyte, 09 sbyte, 0B int16, 0C int32, 0D float32, 0E float64)");
        int rank = bytes[3];
        if (rank == 0)
            throw new DataFormatException(path, "the IDX header declares 0 dimensions");
        var headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
            throw new DataFormatException(path,
                $"truncated: the header declares {rank} dimensions ({headerLength} header bytes) but the file has only {bytes.Length} bytes");

        var shape = new int[rank];
        long elements = 1;
        for (var i = 0; i < rank; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (shape[i] < 0)
                throw new DataFormatException(path, $"dimension {i} of the IDX header is negative ({shape[i]})");
            elements *= shape[i];
        }
        var dataLength = elements * elementSize;
        var actual = bytes.LongLength - headerLength;
        var declared = $"[{string.Join(", ", shape)}] {type}";
        if (actual < dataLength)
            throw new DataFormatException(path,
                $"truncated: the header declares {declared} = {dataLength:N0} bytes of data but only {actual:N0} follow; download or copy the file again");
        if (actual > dataLength)
            throw new DataFormatException(path,
                $"{actual - dataLength:N0} unexpected bytes after the {dataLength:N0} bytes of data the header declares ({declared})");

        var data = new byte[dataLength];
        Buffer.BlockCopy(bytes, headerLength, data, 0, (int)dataLength);
        return new IdxArray(path, type, shape, data);
    }

    private static byte[] ReadContent(string path)
    {
        byte[] raw;
        try
        {
            raw = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"cannot be read: {e.Message}", e);
        }
        if (raw.Length < 2 || raw[0] != 0x1F || raw[1] != 0x8B)
            return raw;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream(raw.Length * 4);
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new DataFormatException(path, $"the gzip data is truncated or corrupt ({e.Message}); download or copy the file again", e);
        }
    }

    private static int? ElementSize(IdxDataType type) => type switch
    {
        IdxDataType.UnsignedByte or IdxDataType.SignedByte => 1,
        IdxDataType.Int16 => 2,
        IdxDataType.Int32 or IdxDataType.Single => 4,
        IdxDataType.Double => 8,
        _ => null,
    };
}
