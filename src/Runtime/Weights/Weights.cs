using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Weights.Formats;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// Loads and saves a model's weights: PyTorch <c>.pt</c>/<c>.pth</c> state_dicts, safetensors, TorchSharp's own
/// format and (read only) Keras <c>.h5</c>, all through one loading path with strict matching, key mapping, a
/// mismatch report and atomicity (a failed load leaves the model as it was). See docs/weights.md.
/// </summary>
public static class Weights
{
    /// <summary>Loads a weight file into <paramref name="model"/>'s parameters and buffers (its state_dict).</summary>
    /// <returns>What matched; in a non-strict load also what was skipped.</returns>
    /// <exception cref="WeightMismatchException">Strict and something does not match; the report lists all of it.</exception>
    /// <exception cref="WeightFormatException">The file is malformed, hostile or unsupported.</exception>
    public static WeightLoadReport Load(nn.Module model, string path, WeightLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= WeightLoadOptions.Default;
        TorchNative.EnsureLoaded();
        using var file = WeightFile.Open(path, options.Format, options.CheckpointEntry);
        return WeightLoader.Load(model, file, options);
    }

    /// <summary>Loads an opened weight file into <paramref name="model"/> (see <see cref="Load(nn.Module, string, WeightLoadOptions?)"/>).</summary>
    public static WeightLoadReport Load(nn.Module model, WeightFile file, WeightLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(file);
        return WeightLoader.Load(model, file, options ?? WeightLoadOptions.Default);
    }

    /// <summary>
    /// Saves <paramref name="model"/>'s state_dict. <see cref="WeightFormat.Auto"/> picks the format from the
    /// extension: <c>.pt</c>/<c>.pth</c> → PyTorch, <c>.safetensors</c> → safetensors, anything else → TorchSharp.
    /// The file is replaced atomically.
    /// </summary>
    public static void Save(nn.Module model, string path, WeightFormat format = WeightFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(model);
        TorchNative.EnsureLoaded();
        Save(model.state_dict(), path, format);
    }

    /// <summary>Saves named tensors (a state_dict) in a weight format (see <see cref="Save(nn.Module, string, WeightFormat)"/>).</summary>
    public static void Save(IEnumerable<KeyValuePair<string, Tensor>> tensors, string path, WeightFormat format = WeightFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(path);
        TorchNative.EnsureLoaded();
        if (format == WeightFormat.Auto)
            format = FormatFromExtension(path);
        var prepared = new List<KeyValuePair<string, TensorBytes>>();
        try
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, tensor) in tensors)
            {
                if (!names.Add(name))
                    throw new ArgumentException($"the key '{name}' appears twice", nameof(tensors));
                prepared.Add(new(name, new TensorBytes(tensor)));
            }
            switch (format)
            {
                case WeightFormat.PyTorch:
                    PyTorchArchiveWriter.Write(path, prepared);
                    break;
                case WeightFormat.SafeTensors:
                    SafeTensorsWriter.Write(path, prepared);
                    break;
                case WeightFormat.TorchSharp:
                    TorchSharpFormatWriter.Write(path, prepared);
                    break;
                default:
                    throw new NotSupportedException($"writing {format} is not supported; write PyTorch, SafeTensors or TorchSharp.");
            }
        }
        finally
        {
            foreach (var (_, tensor) in prepared)
                tensor.Dispose();
        }
    }

    /// <summary>Reads every tensor of a weight file; the caller owns them.</summary>
    public static Dictionary<string, Tensor> ReadTensors(string path, WeightFormat format = WeightFormat.Auto, string? checkpointEntry = null)
    {
        TorchNative.EnsureLoaded();
        using var file = WeightFile.Open(path, format, checkpointEntry);
        return file.ReadAll();
    }

    private static WeightFormat FormatFromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".pt" or ".pth" => WeightFormat.PyTorch,
        ".safetensors" => WeightFormat.SafeTensors,
        ".h5" or ".hdf5" or ".keras" => throw new NotSupportedException("Keras .h5 files are read, not written; save as .pt, .safetensors or TorchSharp."),
        _ => WeightFormat.TorchSharp,
    };
}
