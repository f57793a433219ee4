using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NetDsl.Cli.Tests;

/// <summary>
/// Reads protocol-buffers wire format back, field by field, so a test can look inside an ONNX file without ONNX's
/// libraries: varints, fixed 32/64-bit values and length-delimited fields; anything else, or a length past the end, fails
/// the read (the file is not well-formed).
/// </summary>
internal sealed class ProtoFields
{
    private readonly List<(int Field, long Number, byte[]? Bytes)> _fields = new();

    public ProtoFields(byte[] message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var (field, type) = ((int)(tag >> 3), (int)(tag & 7));
            switch (type)
            {
                case 0: _fields.Add((field, (long)Varint(message, ref at), null)); break;
                case 1: _fields.Add((field, BitConverter.ToInt64(Take(message, ref at, 8)), null)); break;
                case 5: _fields.Add((field, 0, Take(message, ref at, 4))); break;
                case 2: _fields.Add((field, 0, Take(message, ref at, checked((int)Varint(message, ref at))))); break;
                default: throw new FormatException($"wire type {type} of field {field} at byte {at}");
            }
        }
    }

    public long Int(int field) => _fields.Single(f => f.Field == field).Number;

    public string String(int field) => Encoding.UTF8.GetString(Bytes(field));

    public byte[] Bytes(int field) => _fields.Single(f => f.Field == field).Bytes!;

    public IEnumerable<ProtoFields> Messages(int field) => _fields.Where(f => f.Field == field).Select(f => new ProtoFields(f.Bytes!));

    public ProtoFields Message(int field) => Messages(field).Single();

    public IEnumerable<string> Strings(int field) => _fields.Where(f => f.Field == field).Select(f => Encoding.UTF8.GetString(f.Bytes!));

    /// <summary>A packed repeated varint field.</summary>
    public long[] PackedInts(int field)
    {
        var bytes = Bytes(field);
        var values = new List<long>();
        for (var at = 0; at < bytes.Length;) values.Add((long)Varint(bytes, ref at));
        return values.ToArray();
    }

    private static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            if (at >= bytes.Length || shift > 63) throw new FormatException($"a varint runs past byte {at}");
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }

    private static byte[] Take(byte[] bytes, ref int at, int count)
    {
        if (count < 0 || count > bytes.Length - at) throw new FormatException($"a field of {count} bytes at byte {at} runs past the end ({bytes.Length})");
        var result = bytes.AsSpan(at, count).ToArray();
        at += count;
        return result;
    }
}
