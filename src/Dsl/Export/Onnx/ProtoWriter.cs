using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NetDsl.Export.Onnx;

/// <summary>
/// Protocol-buffers wire format, the few encodings an ONNX model needs: varints, 32-bit floats, strings and bytes,
/// and nested messages (length-delimited: a message is built in its own writer, then written with its length).
/// </summary>
internal sealed class ProtoWriter
{
    private const int VarintType = 0;
    private const int LengthType = 2;
    private const int Fixed32Type = 5;

    private readonly MemoryStream _buffer = new();

    public long Length => _buffer.Length;

    public ProtoWriter Int(int field, long value)
    {
        Tag(field, VarintType);
        Varint(unchecked((ulong)value));
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Tag(field, Fixed32Type);
        var bytes = BitConverter.GetBytes(value);
        if (!BitConverter.IsLittleEndian) Array.Reverse(bytes);
        _buffer.Write(bytes, 0, bytes.Length);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, byte[] value)
    {
        Tag(field, LengthType);
        Varint((ulong)value.Length);
        _buffer.Write(value, 0, value.Length);
        return this;
    }

    public ProtoWriter Message(int field, ProtoWriter message)
    {
        Tag(field, LengthType);
        Varint((ulong)message._buffer.Length);
        message._buffer.Position = 0;
        message._buffer.CopyTo(_buffer);
        return this;
    }

    /// <summary>A packed repeated int64 field (proto3's default for repeated scalars, which ONNX's readers accept).</summary>
    public ProtoWriter PackedInts(int field, IReadOnlyList<long> values)
    {
        var packed = new ProtoWriter();
        foreach (var value in values) packed.Varint(unchecked((ulong)value));
        return Message(field, packed);
    }

    /// <summary>Bytes as they are, unframed: the content of a part that <see cref="WriteMessage"/> frames.</summary>
    public ProtoWriter Raw(byte[] bytes)
    {
        _buffer.Write(bytes, 0, bytes.Length);
        return this;
    }

    public void CopyTo(Stream stream)
    {
        _buffer.Position = 0;
        _buffer.CopyTo(stream);
    }

    /// <summary>
    /// Writes a message straight to <paramref name="stream"/> as field <paramref name="field"/> from its parts (each one
    /// of its own fields), without building it in memory first: a model's graph holds every weight.
    /// </summary>
    public static void WriteMessage(Stream stream, int field, IReadOnlyList<ProtoPart> parts)
    {
        long length = 0;
        foreach (var part in parts) length += part.FieldSize;
        LengthHeader(field, length).CopyTo(stream);
        foreach (var part in parts) part.WriteTo(stream);
    }

    /// <summary>The tag and length that start a length-delimited field of <paramref name="length"/> bytes.</summary>
    public static ProtoWriter LengthHeader(int field, long length)
    {
        var header = new ProtoWriter();
        header.Tag(field, LengthType);
        header.Varint((ulong)length);
        return header;
    }

    /// <summary>The bytes of a length-delimited field of <paramref name="length"/> bytes: tag, length and content.</summary>
    public static long FieldSize(int field, long length) => VarintSize((ulong)((field << 3) | LengthType)) + VarintSize((ulong)length) + length;

    private static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    private void Tag(int field, int type) => Varint((ulong)((field << 3) | type));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
