using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetDsl.Runtime.Native;

namespace NetDsl.Runtime.Weights.Formats;

/// <summary>
/// Writes safetensors as the reference implementation does: tensors ordered by dtype size (largest first) then
/// name, the JSON header padded with spaces to a multiple of 8 bytes, <c>__metadata__</c> = <c>{"format": "pt"}</c>.
/// </summary>
internal static class SafeTensorsWriter
{
    public static void Write(string path, IReadOnlyList<KeyValuePair<string, TensorBytes>> tensors)
    {
        var ordered = tensors
            .OrderByDescending(t => DTypes.ElementSize(t.Value.DType))
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .ToList();
        using var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            json.WriteString("format", "pt");
            json.WriteEndObject();
            long offset = 0;
            foreach (var (name, tensor) in ordered)
            {
                var length = tensor.Numel * DTypes.ElementSize(tensor.DType);
                json.WriteStartObject(name);
                json.WriteString("dtype", DTypes.SafeTensorsName(tensor.DType));
                json.WriteStartArray("shape");
                foreach (var d in tensor.Shape)
                    json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += length;
            }
            json.WriteEndObject();
        }
        while (header.Length % 8 != 0)
            header.WriteByte((byte)' ');

        AtomicFileWriter.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header.GetBuffer(), 0, (int)header.Length);
            foreach (var (_, tensor) in ordered)
                stream.Write(tensor.Bytes);
        });
    }
}
