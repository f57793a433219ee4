using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Numerics;
using System.Text;

namespace NetDsl.Runtime.Tests.Reporting;

/// <summary>One event of a TensorBoard event file: its time, step, file version (first event) and scalar values.</summary>
internal sealed record TfEvent(double WallTime, long Step, string? FileVersion, IReadOnlyList<(string Tag, float Value)> Scalars);

/// <summary>
/// Reads TensorBoard event files as TensorBoard does, written here from the formats' specifications and independent of
/// the writer under test: TFRecord framing (uint64 length, masked CRC-32C of the length, the bytes, masked CRC-32C
/// of the bytes; every CRC is checked) around tensorflow.Event protobuf messages (wall_time = 1, step = 2,
/// file_version = 3, summary = 5; Summary.value = 1; Value.tag = 1, Value.simple_value = 2).
/// </summary>
internal static class TfEventFile
{
    public static IReadOnlyList<TfEvent> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var events = new List<TfEvent>();
        var at = 0;
        while (at < bytes.Length)
        {
            if (bytes.Length - at < 12)
                throw new InvalidDataException($"{path}: a record header is cut at byte {at}");
            var lengthBytes = bytes.AsSpan(at, 8);
            var length = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
            Check(path, at, "length", lengthBytes, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8, 4)));
            at += 12;
            if ((ulong)(bytes.Length - at) < length + 4)
                throw new InvalidDataException($"{path}: the record at byte {at - 12} says {length} bytes, more than the file holds");
            var data = bytes.AsSpan(at, (int)length);
            Check(path, at, "data", data, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + (int)length, 4)));
            events.Add(ParseEvent(data.ToArray()));
            at += (int)length + 4;
        }
        return events;
    }

    public static uint MaskedCrc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
            crc = BitOperations.Crc32C(crc, b);
        crc = ~crc;
        return ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;
    }

    private static void Check(string path, int at, string what, ReadOnlySpan<byte> data, uint stored)
    {
        var computed = MaskedCrc32C(data);
        if (computed != stored)
            throw new InvalidDataException($"{path}: the {what} CRC of the record at byte {at} is {stored:x8}, the bytes give {computed:x8}");
    }

    private static TfEvent ParseEvent(byte[] message)
    {
        double wallTime = 0;
        long step = 0;
        string? version = null;
        var scalars = new List<(string, float)>();
        foreach (var (field, wire, value, payload) in Fields(message))
        {
            switch (field)
            {
                case 1 when wire == 1: wallTime = BitConverter.Int64BitsToDouble((long)value); break;
                case 2 when wire == 0: step = (long)value; break;
                case 3 when wire == 2: version = Encoding.UTF8.GetString(payload!); break;
                case 5 when wire == 2: scalars.AddRange(ParseSummary(payload!)); break;
            }
        }
        return new TfEvent(wallTime, step, version, scalars);
    }

    private static IEnumerable<(string, float)> ParseSummary(byte[] summary)
    {
        foreach (var (field, wire, _, payload) in Fields(summary))
        {
            if (field != 1 || wire != 2)
                continue;
            string? tag = null;
            float? simple = null;
            foreach (var (f, w, v, p) in Fields(payload!))
            {
                if (f == 1 && w == 2)
                    tag = Encoding.UTF8.GetString(p!);
                else if (f == 2 && w == 5)
                    simple = BitConverter.Int32BitsToSingle((int)v);
            }
            if (tag is not null && simple is not null)
                yield return (tag, simple.Value);
        }
    }

    // Protobuf fields: (number, wire type, varint or fixed value, length-delimited bytes).
    private static IEnumerable<(int, int, ulong, byte[]?)> Fields(byte[] message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var (field, wire) = ((int)(key >> 3), (int)(key & 7));
            switch (wire)
            {
                case 0: yield return (field, wire, Varint(message, ref at), null); break;
                case 1: yield return (field, wire, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(at, 8)), null); at += 8; break;
                case 5: yield return (field, wire, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(at, 4)), null); at += 4; break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    yield return (field, wire, 0, message.AsSpan(at, length).ToArray());
                    at += length;
                    break;
                default: throw new InvalidDataException($"protobuf wire type {wire} at byte {at}");
            }
        }
    }

    private static ulong Varint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
    }
}
