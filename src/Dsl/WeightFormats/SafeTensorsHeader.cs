using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NetDsl.WeightFormats;

/// <summary>
/// A safetensors file's layout: an 8-byte little-endian header length, a JSON header
/// <c>{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}</c>, then the data.
/// The header is validated as the reference implementation does: at most 100 MB, known dtype names, offsets inside the
/// data, tensors contiguous and non-overlapping and covering the data exactly, and every byte length equal to shape ×
/// element size. TorchSharp-free: the runtime's reader and the command-line tool both read headers through it.
/// </summary>
public static class SafeTensorsHeader
{
    /// <summary>safetensors' MAX_HEADER_SIZE.</summary>
    public const long MaxHeaderSize = 100_000_000;

    /// <summary>The dtype names the format defines that NetDsl reads, with their element sizes.</summary>
    public static readonly IReadOnlyDictionary<string, int> ElementSizes = new Dictionary<string, int>
    {
        ["F64"] = 8, ["F32"] = 4, ["F16"] = 2, ["BF16"] = 2, ["I64"] = 8, ["I32"] = 4, ["I16"] = 2, ["I8"] = 1, ["U8"] = 1, ["BOOL"] = 1,
    };

    /// <summary>The header's length from the file's first 8 bytes, checked against the limit and the file's real length.</summary>
    /// <exception cref="WeightFileException">The file is too short, or the length is past the limit or the file's end.</exception>
    public static long HeaderLength(byte[] first8, long fileLength)
    {
        if (fileLength < 8 || first8.Length < 8) throw new WeightFileException("the file is shorter than the 8-byte header length");
        ulong length = 0;
        for (var i = 7; i >= 0; i--) length = (length << 8) | first8[i];
        if (length > MaxHeaderSize)
            throw new WeightFileException($"the header claims {length} bytes, more than the {MaxHeaderSize}-byte limit");
        if ((long)length > fileLength - 8)
            throw new WeightFileException($"the header claims {length} bytes but the file has {fileLength - 8} after the length (truncated?)");
        return (long)length;
    }

    /// <summary>The tensors the header describes, in the header's order, each checked against <paramref name="dataLength"/>, the bytes after the header.</summary>
    /// <exception cref="WeightFileException">The header breaks one of the format's rules; the message names the tensor.</exception>
    public static IReadOnlyList<SafeTensorsEntry> Parse(byte[] header, long dataLength)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(header);
        }
        catch (DecoderFallbackException)
        {
            throw new WeightFileException("the header is not valid UTF-8");
        }
        if (HeaderJson.Parse(text) is not List<KeyValuePair<string, object?>> root)
            throw new WeightFileException("the header is not a JSON object");
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        var tensors = new List<SafeTensorsEntry>();
        foreach (var member in root)
        {
            if (!names.Add(member.Key))
                throw new WeightFileException($"the header names '{member.Key}' twice");
            if (member.Key == "__metadata__")
            {
                if (member.Value is not List<KeyValuePair<string, object?>> metadata || metadata.Any(p => p.Value is not string))
                    throw new WeightFileException("__metadata__ must map strings to strings");
                continue;
            }
            tensors.Add(Tensor(member.Key, member.Value));
        }

        long expected = 0;
        SafeTensorsEntry? last = null;
        foreach (var t in tensors.OrderBy(t => t.Begin).ThenBy(t => t.End))
        {
            last = t;
            if (t.Begin != expected)
                throw new WeightFileException(t.Begin < expected
                    ? $"tensor '{t.Name}' at bytes {t.Begin}..{t.End} overlaps the tensor before it"
                    : $"there is a gap before tensor '{t.Name}' at bytes {t.Begin}..{t.End}");
            expected = t.End;
        }
        if (expected != dataLength)
            throw new WeightFileException(expected > dataLength
                ? $"the tensors need {expected} data bytes but the file has {dataLength} (truncated? tensor '{last!.Name}' ends past it)"
                : $"the tensors cover {expected} data bytes but the file has {dataLength}");
        return tensors;
    }

    private static SafeTensorsEntry Tensor(string name, object? info)
    {
        if (info is not List<KeyValuePair<string, object?>> fields)
            throw new WeightFileException($"tensor '{name}' is not described by an object");
        string? dtype = null;
        long[]? shape = null;
        long[]? offsets = null;
        foreach (var field in fields)
        {
            switch (field.Key)
            {
                case "dtype" when field.Value is string value && dtype is null:
                    dtype = value;
                    break;
                case "shape" when shape is null:
                    shape = Integers(name, "shape", field.Value, 64);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = Integers(name, "data_offsets", field.Value, 2);
                    break;
                default:
                    throw new WeightFileException($"tensor '{name}' has an unexpected or repeated field '{field.Key}'");
            }
        }
        if (dtype is null || shape is null || offsets is null || offsets.Length != 2)
            throw new WeightFileException($"tensor '{name}' needs dtype, shape and two data_offsets");
        if (!ElementSizes.TryGetValue(dtype, out var elementSize))
            throw new WeightFileException($"tensor '{name}' has dtype '{dtype}', which is not supported ({string.Join(", ", ElementSizes.Keys)})");
        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin)
            throw new WeightFileException($"tensor '{name}' ends ({end}) before it begins ({begin})");
        if (StoredShapes.Problem(shape, elementSize) is { } problem)
            throw new WeightFileException($"tensor '{name}': {problem}");
        var bytes = StoredShapes.CheckedNumel(shape) * elementSize;
        if (bytes != end - begin)
            throw new WeightFileException($"tensor '{name}' of shape {StoredShapes.Format(shape)} and dtype {dtype} needs {bytes} bytes but its offsets span {end - begin}");
        return new SafeTensorsEntry(name, dtype, shape, begin, end);
    }

    private static long[] Integers(string name, string field, object? value, int maxCount)
    {
        if (value is not List<object?> items || items.Count > maxCount)
            throw new WeightFileException($"tensor '{name}' has a malformed {field}");
        var result = new long[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not long v || v < 0)
                throw new WeightFileException($"tensor '{name}' has a malformed {field}");
            result[i] = v;
        }
        return result;
    }
}
