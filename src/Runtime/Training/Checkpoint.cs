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
            var info = new CheckpointInfo(
                path,
                meta["epoch"]!.GetValue<int>(),
                TrainingHistory.FromJson(meta["history"]!.ToJsonString()),
                meta["model"]!.GetValue<string>(),
                meta["optimizer"]?.GetValue<string>(),
                meta["seed"]?.GetValue<long>(),
                meta["frozen"]!.AsArray().Select(n => n!.GetValue<string>()).ToArray(),
                meta["savedUtc"]!.GetValue<DateTime>());
            CheckEpochs(path, info);
            return info;
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException(path, $"has an unreadable description: {e.Message}", e);
        }
    }

    // The trainer saves after an epoch: the epoch is the last one its history records (0 before any), and numbers
    // 1, 2, ... go before it. A resume continues at epoch + 1, so int.MaxValue cannot be one.
    private static void CheckEpochs(string path, CheckpointInfo info)
    {
        var epochs = info.History.Epochs;
        var last = epochs.Count > 0 ? epochs[^1].Epoch : 0;
        if (info.Epoch is < 0 or int.MaxValue)
            throw new CheckpointException(path, $"says it holds epoch {info.Epoch}, which no training can continue from; the file is damaged");
        if (info.Epoch != last)
            throw new CheckpointException(path, $"says it holds epoch {info.Epoch}, but its history ends at epoch {last}; the file is damaged");
        for (var i = 0; i < epochs.Count; i++)
        {
            if (epochs[i].Epoch < 1 || (i > 0 && epochs[i].Epoch <= epochs[i - 1].Epoch))
                throw new CheckpointException(path, $"has a history whose epochs are not increasing from 1 (epoch {epochs[i].Epoch} at place {i + 1}); the file is damaged");
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

    /// <summary>Copies a state written by <see cref="WriteState"/> into the model's tensors, after checking all of it.</summary>
    internal static void ReadState(torch.nn.Module model, byte[] data, string path)
    {
        var state = CheckpointState.Parse(data, path);
        state.CheckFits(model);
        state.CopyInto(model);
    }
}
