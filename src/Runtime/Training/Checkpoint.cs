using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using NetDsl.Runtime.Reporting;
using TorchSharp;

namespace NetDsl.Runtime.Training;

/// <summary>
/// Checkpoints: a model's state_dict, the optimizer's state, torch's RNG state, the epoch, the history and the frozen
/// prefixes, in one file that is written atomically and verified (length and SHA-256) when read. The trainer writes
/// and resumes them; this class reads them for inspection and inference.
/// </summary>
public static class Checkpoint
{
    internal const string MetaSection = "meta";
    internal const string ModelSection = "model";
    internal const string OptimizerSection = "optimizer";
    internal const string RngSection = "rng";

    /// <summary>Reads and verifies a checkpoint's description (epoch, history, ...).</summary>
    /// <exception cref="CheckpointException">Missing, not a checkpoint, truncated or corrupted.</exception>
    public static CheckpointInfo ReadInfo(string path) => Info(path, CheckpointFile.Read(path));

    /// <summary>Loads only the model weights of a checkpoint into <paramref name="model"/> (for inference).</summary>
    /// <exception cref="CheckpointException">The file is damaged, or its weights do not fit this model.</exception>
    public static CheckpointInfo LoadWeights(torch.nn.Module model, string path)
    {
        TorchNative.EnsureLoaded();
        var sections = CheckpointFile.Read(path);
        var info = Info(path, sections);
        ReadState(model, Section(path, sections, ModelSection), path);
        return info;
    }

    internal static CheckpointInfo Info(string path, IReadOnlyDictionary<string, byte[]> sections)
    {
        try
        {
            var meta = JsonNode.Parse(Encoding.UTF8.GetString(Section(path, sections, MetaSection)))!.AsObject();
            return new CheckpointInfo(
                path,
                meta["epoch"]!.GetValue<int>(),
                TrainingHistory.FromJson(meta["history"]!.ToJsonString()),
                meta["model"]!.GetValue<string>(),
                meta["optimizer"]?.GetValue<string>(),
                meta["seed"]?.GetValue<long>(),
                meta["frozen"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray(),
                meta["savedUtc"]!.GetValue<DateTime>());
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException(path, $"has an unreadable description: {e.Message}", e);
        }
    }

    internal static byte[] Section(string path, IReadOnlyDictionary<string, byte[]> sections, string name) =>
        sections.TryGetValue(name, out var data) ? data : throw new CheckpointException(path, $"has no '{name}' section");

    /// <summary>The state_dict as: int32 count, then per entry its key, dtype, rank, dims and raw bytes.</summary>
    internal static byte[] WriteState(torch.nn.Module model)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        using var scope = torch.NewDisposeScope();
        var state = model.state_dict();
        writer.Write(state.Count);
        foreach (var (key, tensor) in state)
        {
            writer.Write(key);
            writer.Write((int)tensor.dtype);
            writer.Write(tensor.shape.Length);
            foreach (var d in tensor.shape)
                writer.Write(d);
            writer.Flush();
            var cpu = tensor.detach().cpu().contiguous();
            cpu.WriteBytesToStream(stream);
        }
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>Copies a state written by <see cref="WriteState"/> into the model's tensors, after checking every key, dtype and shape.</summary>
    internal static void ReadState(torch.nn.Module model, byte[] data, string path)
    {
        using var scope = torch.NewDisposeScope();
        var state = model.state_dict();
        using var stream = new MemoryStream(data, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var count = reader.ReadInt32();
        var entries = new List<(string Key, torch.ScalarType Type, long[] Shape, long Offset)>();
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            var type = (torch.ScalarType)reader.ReadInt32();
            var shape = new long[reader.ReadInt32()];
            for (var d = 0; d < shape.Length; d++)
                shape[d] = reader.ReadInt64();
            entries.Add((key, type, shape, stream.Position));
            var elementSize = torch.empty(0, type).ElementSize;
            stream.Seek(shape.Aggregate(1L, (a, b) => a * b) * elementSize, SeekOrigin.Current);
        }

        var missing = state.Keys.Except(entries.Select(e => e.Key)).ToArray();
        var unexpected = entries.Select(e => e.Key).Except(state.Keys).ToArray();
        if (missing.Length > 0 || unexpected.Length > 0)
            throw new CheckpointException(path,
                $"does not fit this {model.GetType().Name}: " +
                (missing.Length > 0 ? $"the model has {Few(missing)} which the checkpoint lacks" : "") +
                (missing.Length > 0 && unexpected.Length > 0 ? "; " : "") +
                (unexpected.Length > 0 ? $"the checkpoint has {Few(unexpected)} which the model lacks" : ""));
        foreach (var (key, type, shape, _) in entries)
        {
            var target = state[key];
            if (target.dtype != type || !target.shape.SequenceEqual(shape))
                throw new CheckpointException(path,
                    $"does not fit this {model.GetType().Name}: '{key}' is {type} [{string.Join(", ", shape)}] in the checkpoint but {target.dtype} [{string.Join(", ", target.shape)}] in the model");
        }

        using var noGrad = torch.no_grad();
        foreach (var (key, type, shape, offset) in entries)
        {
            stream.Position = offset;
            var loaded = torch.empty(shape, type);
            loaded.ReadBytesFromStream(stream);
            state[key].copy_(loaded);
        }
    }

    private static string Few(IReadOnlyList<string> keys) =>
        "'" + string.Join("', '", keys.Take(5)) + "'" + (keys.Count > 5 ? $" and {keys.Count - 5} more" : "");
}
