using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using NetDsl.Runtime.Files;

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
        using var file = InputFile.OpenRead(path, (problem, inner) => new DataFormatException(path, problem, inner));
        var magic = new byte[2];
        var gzipped = file.Read(magic) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
        file.Position = 0;
        // Decompressed lazily and only as far as the header says the data goes: a gzip bomb costs what its header
        // declares, never more, and trailing data is reported after one byte of it.
        using var content = gzipped ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : (Stream)file;
        try
        {
            return Parse(path, content, gzipped ? null : file.Length);
        }
        catch (Exception e) when (gzipped && e is InvalidDataException or IOException)
        {
            throw new DataFormatException(path, $"the gzip data is truncated or corrupt ({e.Message}); download or copy the file again", e);
        }
    }

    private static IdxArray Parse(string path, Stream content, long? fileLength)
    {
        var start = new byte[4];
        var got = content.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        if (got < 4)
            throw new DataFormatException(path, $"too short to be an IDX file ({got} bytes; the header alone is at least 8)");
        if (start[0] != 0 || start[1] != 0)
            throw new DataFormatException(path,
                $"not an IDX file: it starts with 0x{start[0]:X2} 0x{start[1]:X2}, not 0x00 0x00 (MNIST-family files begin 00 00 08 01 for labels, 00 00 08 03 for images)");
        var type = (IdxDataType)start[2];
        var elementSize = ElementSize(type)
            ?? throw new DataFormatException(path, $"unknown IDX element type 0x{start[2]:X2} (known: 08 ubyte, 09 sbyte, 0B int16, 0C int32, 0D float32, 0E float64)");
        int rank = start[3];
        if (rank == 0)
            throw new DataFormatException(path, "the IDX header declares 0 dimensions");
        var headerLength = 4 + 4 * rank;
        var dims = new byte[4 * rank];
        got = content.ReadAtLeast(dims, dims.Length, throwOnEndOfStream: false);
        if (got < dims.Length)
            throw new DataFormatException(path,
                $"truncated: the header declares {rank} dimensions ({headerLength} header bytes) but the file has only {4 + got} bytes");

        var shape = new int[rank];
        long dataLength = elementSize;
        for (var i = 0; i < rank; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt32BigEndian(dims.AsSpan(4 * i));
            if (shape[i] < 0)
                throw new DataFormatException(path, $"dimension {i} of the IDX header is negative ({shape[i]})");
            if (shape[i] != 0 && dataLength > Array.MaxLength / shape[i])
                throw new DataFormatException(path,
                    $"the header declares [{string.Join(", ", shape.Take(i + 1))}{(i + 1 < rank ? ", ..." : "")}] {type}, more than the " +
                    $"{Array.MaxLength:N0} bytes one array can hold");
            dataLength *= shape[i];
        }
        var declared = $"[{string.Join(", ", shape)}] {type}";
        if (fileLength is { } length)
        {
            var actual = length - headerLength;
            if (actual < dataLength)
                throw new DataFormatException(path,
                    $"truncated: the header declares {declared} = {dataLength:N0} bytes of data but only {actual:N0} follow; download or copy the file again");
            if (actual > dataLength)
                throw new DataFormatException(path,
                    $"{actual - dataLength:N0} unexpected bytes after the {dataLength:N0} bytes of data the header declares ({declared})");
        }

        // Filled as bytes arrive (growing by doubling), so a short file never costs the declared size up front.
        var data = new byte[Math.Min(dataLength, 1 << 20)];
        long read = 0;
        while (read < dataLength)
        {
            if (read == data.Length)
                Array.Resize(ref data, (int)Math.Min(dataLength, 2L * data.Length));
            var n = content.Read(data, (int)read, data.Length - (int)read);
            if (n == 0)
                throw new DataFormatException(path,
                    $"truncated: the header declares {declared} = {dataLength:N0} bytes of data but only {read:N0} follow; download or copy the file again");
            read += n;
        }
        if (content.ReadByte() >= 0)
            throw new DataFormatException(path, $"more bytes follow the {dataLength:N0} bytes of data the header declares ({declared})");
        return new IdxArray(path, type, shape, data);
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
