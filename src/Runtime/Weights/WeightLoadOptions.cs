using System;
using System.Collections.Generic;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// How <see cref="Weights.Load(TorchSharp.torch.nn.Module, string, WeightLoadOptions?)"/> reads a file and matches its
/// keys to the model's state_dict. Keys in the file are mapped in this order: <see cref="StripPrefixes"/>, then
/// <see cref="Rename"/>, then <see cref="AddPrefix"/>.
/// </summary>
public sealed record WeightLoadOptions
{
    /// <summary>
    /// True (the default): any missing key, unexpected key, shape mismatch or dtype mismatch fails the whole load
    /// with a <see cref="WeightMismatchException"/> listing all of them, and the model is not touched. False: the
    /// matching tensors are loaded and the rest is reported in the returned <see cref="WeightLoadReport"/>.
    /// </summary>
    public bool Strict { get; init; } = true;

    /// <summary>The file's format; <see cref="WeightFormat.Auto"/> (the default) decides from the file's first bytes.</summary>
    public WeightFormat Format { get; init; } = WeightFormat.Auto;

    /// <summary>
    /// For PyTorch checkpoints that wrap the state_dict in a dict (<c>{"epoch": 3, "state_dict": {...}}</c>): the
    /// entry holding it. Null (the default) uses the file's top-level dict when its values are tensors, else the
    /// first of <c>state_dict</c>, <c>model_state_dict</c>, <c>model</c> that is a dict of tensors.
    /// </summary>
    public string? CheckpointEntry { get; init; }

    /// <summary>
    /// Prefixes removed from the file's keys where present, the first that matches per key; for example
    /// <c>"module."</c>, which <c>nn.DataParallel</c> and <c>DistributedDataParallel</c> put before every key.
    /// </summary>
    public IReadOnlyList<string> StripPrefixes { get; init; } = Array.Empty<string>();

    /// <summary>
    /// Renames applied after <see cref="StripPrefixes"/>: a file key equal to an entry's key becomes its value; else a
    /// file key starting with an entry's key followed by '.' has that part replaced (so <c>"fc" → "classifier.3"</c>
    /// maps <c>fc.weight</c> and <c>fc.bias</c>). For Keras files the keys are Keras layer names.
    /// </summary>
    public IReadOnlyDictionary<string, string> Rename { get; init; } = new Dictionary<string, string>();

    /// <summary>A prefix put before every file key last (for loading a backbone's file into <c>features.</c>).</summary>
    public string? AddPrefix { get; init; }

    /// <summary>
    /// False (the default): a tensor whose dtype differs from the model's is a dtype mismatch. True: floating-point
    /// tensors are converted to the model's floating-point dtype (float64 or float16 weights into a float32 model).
    /// </summary>
    public bool ConvertFloatingPoint { get; init; }

    /// <summary>How Keras <c>.h5</c> layers are paired with the model's layers.</summary>
    public KerasMatching KerasMatching { get; init; } = KerasMatching.ByOrder;

    /// <summary>The defaults: strict, format from the file, no key mapping.</summary>
    public static WeightLoadOptions Default { get; } = new();
}
