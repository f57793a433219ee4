using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetDsl.Runtime.Weights;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// The model section of a checkpoint, parsed and checked without touching any model: int32 count, then per entry its
/// key (a BinaryWriter string), dtype (int32), rank (int32), dims (int64 each) and raw bytes. Every length is checked
/// against the section, every dtype and shape against what libtorch can create, so a crafted section (even one
/// with a valid SHA-256) is a <see cref="CheckpointException"/>, never a raw exception or a native crash.
/// </summary>
internal sealed class CheckpointState
{
    private readonly byte[] _data;
    private readonly string _path;

    private CheckpointState(byte[] data, string path, IReadOnlyList<Entry> entries)
    {
        _data = data;
        _path = path;
        Entries = entries;
    }

    public IReadOnlyList<Entry> Entries { get; }

    public sealed record Entry(string Key, torch.ScalarType DType, long[] Shape, int Offset, int Length);

    public static CheckpointState Parse(byte[] data, string path)
    {
        var entries = new List<Entry>();
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            using var reader = new BinaryReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
            var count = reader.ReadInt32();
            // Each entry takes at least 13 bytes (empty key, dtype, rank), so the count cannot pass the section's size.
            if (count < 0 || count > data.Length / 13)
                throw Bad(path, $"claims {count} tensors in a section of {data.Length:N0} bytes");
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                if (!keys.Add(key))
                    throw Bad(path, $"holds the key '{key}' twice");
                var dtypeNumber = reader.ReadInt32();
                // ScalarType is a byte: range-check before the cast, or 9999 would read as 15 (bfloat16).
                var dtype = (torch.ScalarType)(dtypeNumber & 0x7f);
                if (dtypeNumber is < 0 or > 127 || !DTypes.IsSupported(dtype))
                    throw Bad(path, $"gives '{key}' the dtype number {dtypeNumber}, which is not a dtype checkpoints hold");
                var rank = reader.ReadInt32();
                if (rank is < 0 or > 64)
                    throw Bad(path, $"gives '{key}' {rank} dimensions");
                var shape = new long[rank];
                for (var d = 0; d < rank; d++)
                    shape[d] = reader.ReadInt64();
                var elementSize = DTypes.ElementSize(dtype);
                if (Shapes.Problem(shape, elementSize) is { } problem)
                    throw Bad(path, $"declares '{key}' with {problem}");
                var length = Shapes.CheckedNumel(shape) * elementSize;
                if (length > data.Length - stream.Position)
                    throw Bad(path, $"declares '{key}' {Shapes.Format(shape)} ({length:N0} bytes) but only {data.Length - stream.Position:N0} bytes follow");
                entries.Add(new Entry(key, dtype, shape, (int)stream.Position, (int)length));
                stream.Position += length;
            }
            if (stream.Position != data.Length)
                throw Bad(path, $"has {data.Length - stream.Position:N0} bytes after its last tensor");
        }
        catch (Exception e) when (e is EndOfStreamException or DecoderFallbackException or FormatException or IOException)
        {
            throw Bad(path, $"ends inside a tensor's description or is damaged ({e.Message})", e);
        }
        return new CheckpointState(data, path, entries);
    }

    /// <summary>Checks that the entries are exactly the model's state_dict (keys, dtypes, shapes).</summary>
    public void CheckFits(torch.nn.Module model)
    {
        var state = model.state_dict();
        var missing = state.Keys.Except(Entries.Select(e => e.Key)).ToArray();
        var unexpected = Entries.Select(e => e.Key).Except(state.Keys).ToArray();
        if (missing.Length > 0 || unexpected.Length > 0)
            throw new CheckpointException(_path,
                $"does not fit this {model.GetType().Name}: " +
                (missing.Length > 0 ? $"the model has {Few(missing)} which the checkpoint lacks" : "") +
                (missing.Length > 0 && unexpected.Length > 0 ? "; " : "") +
                (unexpected.Length > 0 ? $"the checkpoint has {Few(unexpected)} which the model lacks" : ""));
        foreach (var (key, type, shape, _, _) in Entries)
        {
            var target = state[key];
            if (target.dtype != type || !target.shape.SequenceEqual(shape))
                throw new CheckpointException(_path,
                    $"does not fit this {model.GetType().Name}: '{key}' is {type} [{string.Join(", ", shape)}] in the checkpoint but {target.dtype} [{string.Join(", ", target.shape)}] in the model");
        }
    }

    /// <summary>Copies every entry into the model's tensors; call <see cref="CheckFits"/> first.</summary>
    public void CopyInto(torch.nn.Module model)
    {
        using var scope = torch.NewDisposeScope();
        var state = model.state_dict();
        using var noGrad = torch.no_grad();
        foreach (var (key, type, shape, offset, length) in Entries)
        {
            var loaded = torch.empty(shape, type);
            if (length > 0)
                _data.AsSpan(offset, length).CopyTo(loaded.bytes);
            state[key].copy_(loaded);
        }
    }

    private static string Few(IReadOnlyList<string> keys) =>
        "'" + string.Join("', '", keys.Take(5)) + "'" + (keys.Count > 5 ? $" and {keys.Count - 5} more" : "");

    private static CheckpointException Bad(string path, string message, Exception? inner = null) =>
        new(path, $"has a damaged model section: it {message}", inner);
}
