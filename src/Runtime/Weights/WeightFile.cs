using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Weights.Formats;
using NetDsl.Runtime.Weights.Keras;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// An opened weight file: its format and the tensors it holds, each described (key, shape, dtype) and checked against
/// the file's size, none read yet. Dispose it to release the file. Use <see cref="Weights.Load(nn.Module, WeightFile, WeightLoadOptions?)"/>
/// to load it into a model, or <see cref="StoredTensor.Read"/> / <see cref="ReadAll"/> to get tensors.
/// </summary>
public sealed class WeightFile : IDisposable
{
    private readonly IDisposable? _owner;
    private readonly Dictionary<string, StoredTensor> _byName;

    internal WeightFile(string path, WeightFormat format, IReadOnlyList<StoredTensor> tensors, IDisposable? owner, KerasLayers? keras = null)
    {
        Path = path;
        Format = format;
        Tensors = tensors;
        _owner = owner;
        Keras = keras;
        _byName = new Dictionary<string, StoredTensor>(StringComparer.Ordinal);
        foreach (var tensor in tensors)
        {
            if (!_byName.TryAdd(tensor.Name, tensor))
                throw new WeightFormatException($"the key '{tensor.Name}' appears twice.", path);
        }
    }

    public string Path { get; }

    /// <summary>The format the file was read as.</summary>
    public WeightFormat Format { get; }

    /// <summary>The tensors, in the file's order.</summary>
    public IReadOnlyList<StoredTensor> Tensors { get; }

    /// <summary>For Keras files: the layers with their weights, in the file's layer order.</summary>
    internal KerasLayers? Keras { get; }

    /// <summary>
    /// Opens a weight file and checks its structure (headers, offsets, sizes, the restricted pickle) without reading
    /// tensor data.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="format">Its format; <see cref="WeightFormat.Auto"/> decides from the first bytes.</param>
    /// <param name="checkpointEntry">For PyTorch checkpoints, the dict entry holding the state_dict (see <see cref="WeightLoadOptions.CheckpointEntry"/>).</param>
    /// <exception cref="WeightFormatException">The file is malformed, hostile or of an unsupported kind.</exception>
    public static WeightFile Open(string path, WeightFormat format = WeightFormat.Auto, string? checkpointEntry = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = MappedFile.Open(path);
        try
        {
            var actual = format == WeightFormat.Auto ? FormatDetector.Detect(file) : format;
            switch (actual)
            {
                case WeightFormat.PyTorch:
                    return new WeightFile(path, actual, PyTorchArchiveReader.Read(file, checkpointEntry), file);
                case WeightFormat.SafeTensors:
                    return new WeightFile(path, actual, SafeTensorsReader.Read(file), file);
                case WeightFormat.TorchSharp:
                    return new WeightFile(path, actual, TorchSharpFormatReader.Read(file), file);
                case WeightFormat.KerasH5:
                    file.Dispose();
                    var keras = KerasH5Reader.Read(path);
                    return new WeightFile(path, actual, keras.Layers.SelectMany(l => l.Weights).ToList(), null, keras);
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, null);
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The tensor with this key, or null.</summary>
    public StoredTensor? Find(string name) => _byName.TryGetValue(name, out var tensor) ? tensor : null;

    /// <summary>Reads every tensor; the caller owns (and disposes) them. On failure none is left allocated.</summary>
    public Dictionary<string, Tensor> ReadAll()
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            foreach (var tensor in Tensors)
                result[tensor.Name] = tensor.Read();
            return result;
        }
        catch
        {
            foreach (var tensor in result.Values)
                tensor.Dispose();
            throw;
        }
    }

    public void Dispose() => _owner?.Dispose();
}
