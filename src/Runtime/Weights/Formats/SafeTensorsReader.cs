using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights.Formats;

/// <summary>
/// Reads a safetensors file: an 8-byte little-endian header length, a JSON header
/// <c>{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}</c>, then the
/// data. The header is validated as the reference implementation does: at most 100 MB, known dtype names, offsets
/// inside the data, tensors contiguous and non-overlapping and covering the data exactly, and every byte length equal
/// to shape × element size. Tensors are read from the memory-mapped file straight into their own memory.
/// </summary>
internal static class SafeTensorsReader
{
    /// <summary>safetensors' MAX_HEADER_SIZE.</summary>
    public const long MaxHeaderSize = 100_000_000;

    public static IReadOnlyList<StoredTensor> Read(MappedFile file)
    {
        if (file.Length < 8)
            throw Bad(file, "the file is shorter than the 8-byte header length");
        Span<byte> lengthBytes = stackalloc byte[8];
        file.Read(0, lengthBytes, "the header length");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderSize)
            throw Bad(file, $"the header claims {headerLength} bytes, more than the {MaxHeaderSize}-byte limit");
        if ((long)headerLength > file.Length - 8)
            throw Bad(file, $"the header claims {headerLength} bytes but the file has {file.Length - 8} after the length (truncated?)");
        var header = file.ReadBytes(8, (long)headerLength, "the header");
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(header);
        }
        catch (DecoderFallbackException)
        {
            throw Bad(file, "the header is not valid UTF-8");
        }
        var dataStart = 8 + (long)headerLength;
        var dataLength = file.Length - dataStart;

        var tensors = new List<(string Name, ScalarType DType, long[] Shape, long Begin, long End)>();
        try
        {
            using var json = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 4, AllowTrailingCommas = false });
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                throw Bad(file, "the header is not a JSON object");
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                    throw Bad(file, $"the header names '{property.Name}' twice");
                if (property.Name == "__metadata__")
                {
                    if (property.Value.ValueKind != JsonValueKind.Object || property.Value.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
                        throw Bad(file, "__metadata__ must map strings to strings");
                    continue;
                }
                tensors.Add(ParseTensor(file, property));
            }
        }
        catch (JsonException e)
        {
            throw new WeightFormatException($"the safetensors header is not valid JSON: {e.Message}", file.Path, e);
        }

        long expected = 0;
        foreach (var t in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End))
        {
            if (t.Begin != expected)
                throw Bad(file, t.Begin < expected
                    ? $"tensor '{t.Name}' at bytes {t.Begin}..{t.End} overlaps the tensor before it"
                    : $"there is a gap before tensor '{t.Name}' at bytes {t.Begin}..{t.End}");
            expected = t.End;
        }
        if (expected != dataLength)
            throw Bad(file, expected > dataLength
                ? $"the tensors need {expected} data bytes but the file has {dataLength} (truncated?)"
                : $"the tensors cover {expected} data bytes but the file has {dataLength}");
        return tensors.Select(t => (StoredTensor)new MappedStoredTensor(t.Name, t.Shape, t.DType, file, dataStart + t.Begin)).ToList();
    }

    private static (string, ScalarType, long[], long, long) ParseTensor(MappedFile file, JsonProperty property)
    {
        var name = property.Name;
        var info = property.Value;
        if (info.ValueKind != JsonValueKind.Object)
            throw Bad(file, $"tensor '{name}' is not described by an object");
        string? dtypeName = null;
        long[]? shape = null;
        long[]? offsets = null;
        foreach (var field in info.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when field.Value.ValueKind == JsonValueKind.String && dtypeName is null:
                    dtypeName = field.Value.GetString();
                    break;
                case "shape" when shape is null:
                    shape = Integers(file, name, "shape", field.Value, 64);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = Integers(file, name, "data_offsets", field.Value, 2);
                    break;
                default:
                    throw Bad(file, $"tensor '{name}' has an unexpected or repeated field '{field.Name}'");
            }
        }
        if (dtypeName is null || shape is null || offsets is null || offsets.Length != 2)
            throw Bad(file, $"tensor '{name}' needs dtype, shape and two data_offsets");
        var dtype = DTypes.FromSafeTensorsName(dtypeName)
            ?? throw Bad(file, $"tensor '{name}' has dtype '{dtypeName}', which is not supported (F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin)
            throw Bad(file, $"tensor '{name}' ends ({end}) before it begins ({begin})");
        var elementSize = DTypes.ElementSize(dtype);
        if (Shapes.Problem(shape, elementSize) is { } problem)
            throw Bad(file, $"tensor '{name}': {problem}");
        var bytes = Shapes.CheckedNumel(shape) * elementSize;
        if (bytes != end - begin)
            throw Bad(file, $"tensor '{name}' of shape {Shapes.Format(shape)} and dtype {dtypeName} needs {bytes} bytes but its offsets span {end - begin}");
        return (name, dtype, shape, begin, end);
    }

    private static long[] Integers(MappedFile file, string name, string field, JsonElement value, int maxCount)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > maxCount)
            throw Bad(file, $"tensor '{name}' has a malformed {field}");
        var result = new long[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var v) || v < 0)
                throw Bad(file, $"tensor '{name}' has a malformed {field}");
            result[i++] = v;
        }
        return result;
    }

    private static WeightFormatException Bad(MappedFile file, string message) => new($"safetensors: {message}.", file.Path);
}
