using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NetDsl.Runtime.Weights.Zip;

/// <summary>
/// Writes a zip archive the way PyTorch's <c>PyTorchStreamWriter</c> (caffe2/serialize/inline_container.cc) does:
/// every record stored uncompressed under one top folder (<c>archive/</c>), and each record's data aligned to 64 bytes
/// by a padding extra field with the id "FB" filled with 'Z'. Archives over 4 GiB (zip64) are refused.
/// </summary>
internal sealed class ZipWriter
{
    private const int Alignment = 64; // kFieldAlignment
    private readonly Stream _out;
    private readonly string _prefix;
    private readonly List<(byte[] Name, uint Crc, long Size, long Offset)> _written = new();

    public ZipWriter(Stream output, string archiveName)
    {
        _out = output;
        _prefix = archiveName + "/";
    }

    public void Write(string name, ReadOnlySpan<byte> data)
    {
        var fullName = Encoding.UTF8.GetBytes(_prefix + name);
        var offset = _out.Position;
        var crc = Crc32.Append(0, data);
        if (offset + data.Length + 1024 >= uint.MaxValue)
            throw new WeightFormatException("the archive would exceed 4 GiB, which needs zip64; this writer does not write zip64 archives.");

        // The data starts after the 30-byte header, the name and the 4-byte extra-field header; pad it to 64 bytes.
        var start = offset + 30 + fullName.Length + 4;
        var padding = (int)((Alignment - start % Alignment) % Alignment);
        Span<byte> header = stackalloc byte[30];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 20); // version needed
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 0); // flags
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], 0); // stored
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], 0); // time 00:00
        BinaryPrimitives.WriteUInt16LittleEndian(header[12..], 0x21); // date 1980-01-01
        BinaryPrimitives.WriteUInt32LittleEndian(header[14..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header[18..], (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[22..], (uint)data.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], (ushort)fullName.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], (ushort)(4 + padding));
        _out.Write(header);
        _out.Write(fullName);
        Span<byte> extra = stackalloc byte[4];
        extra[0] = (byte)'F';
        extra[1] = (byte)'B';
        BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], (ushort)padding);
        _out.Write(extra);
        for (var i = 0; i < padding; i++)
            _out.WriteByte((byte)'Z');
        _out.Write(data);
        _written.Add((fullName, crc, data.Length, offset));
    }

    /// <summary>Writes the central directory and the end record.</summary>
    public void Finish()
    {
        var directoryStart = _out.Position;
        Span<byte> header = stackalloc byte[46];
        foreach (var (name, crc, size, offset) in _written)
        {
            header.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 20); // version made by
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 20); // version needed
            BinaryPrimitives.WriteUInt16LittleEndian(header[14..], 0x21);
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], crc);
            BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)size);
            BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)size);
            BinaryPrimitives.WriteUInt16LittleEndian(header[28..], (ushort)name.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[42..], (uint)offset);
            _out.Write(header);
            _out.Write(name);
        }
        var directorySize = _out.Position - directoryStart;
        Span<byte> end = stackalloc byte[22];
        end.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], (ushort)_written.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], (ushort)_written.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)directorySize);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], (uint)directoryStart);
        _out.Write(end);
        if (_written.Count > ushort.MaxValue)
            throw new WeightFormatException($"{_written.Count} records need zip64; this writer does not write zip64 archives.");
    }
}
