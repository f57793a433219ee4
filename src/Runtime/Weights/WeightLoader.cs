using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.Runtime.Weights.Keras;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights;

/// <summary>
/// The one loading path for every format: map the file's keys, compare them with the model's state_dict, then
/// (strict: only if everything matches) read every matched tensor into new memory first and copy into the model
/// only after all reads succeeded, so a failed load leaves the model exactly as it was.
/// </summary>
internal static class WeightLoader
{
    private const string BatchCounter = "num_batches_tracked";

    public static WeightLoadReport Load(nn.Module model, WeightFile file, WeightLoadOptions options)
    {
        TorchNative.EnsureLoaded();
        var target = model.state_dict();
        var targetKeys = target.Keys.ToList();

        List<MappedWeight> mapped;
        var unexpected = new List<string>();
        if (file.Keras is { } keras)
        {
            (mapped, unexpected) = KerasMatcher.Match(keras, targetKeys, options);
        }
        else
        {
            mapped = file.Tensors.Select(t => new MappedWeight(MapKey(t.Name, options), t.Name, t)).ToList();
        }

        var byKey = new Dictionary<string, MappedWeight>(StringComparer.Ordinal);
        foreach (var weight in mapped)
        {
            if (byKey.TryGetValue(weight.Key, out var other))
                throw new WeightFormatException($"the file keys '{other.SourceKey}' and '{weight.SourceKey}' both map to '{weight.Key}'; " +
                                                "check StripPrefixes, Rename and AddPrefix.", file.Path);
            byKey[weight.Key] = weight;
        }

        var loaded = new List<string>();
        var missing = new List<string>();
        var counters = new List<string>();
        var shapeMismatches = new List<WeightMismatch>();
        var dtypeMismatches = new List<WeightMismatch>();
        var toLoad = new List<(Tensor Target, MappedWeight Source)>();
        foreach (var key in targetKeys)
        {
            var modelTensor = target[key];
            if (!byKey.TryGetValue(key, out var source))
            {
                if (key == BatchCounter || key.EndsWith("." + BatchCounter, StringComparison.Ordinal))
                    counters.Add(key);
                else
                    missing.Add(key);
                continue;
            }
            var stored = source.Tensor;
            var mismatch = new WeightMismatch(key, source.SourceKey, modelTensor.shape, stored.Shape.ToArray(), modelTensor.dtype, stored.DType);
            if (!Shapes.Equal(modelTensor.shape, stored.Shape))
                shapeMismatches.Add(mismatch);
            else if (modelTensor.dtype != stored.DType &&
                     !(options.ConvertFloatingPoint && DTypes.IsFloatingPoint(modelTensor.dtype) && DTypes.IsFloatingPoint(stored.DType)))
                dtypeMismatches.Add(mismatch);
            else
            {
                loaded.Add(key);
                toLoad.Add((modelTensor, source));
            }
        }
        var targetSet = new HashSet<string>(targetKeys, StringComparer.Ordinal);
        unexpected.AddRange(mapped.Where(m => !targetSet.Contains(m.Key)).Select(m => m.Key == m.SourceKey ? m.Key : $"{m.Key} (file key '{m.SourceKey}')"));

        var report = new WeightLoadReport(loaded, missing, unexpected, shapeMismatches, dtypeMismatches, counters);
        if (options.Strict && !report.IsExactMatch)
            throw new WeightMismatchException(report);

        var staged = new List<Tensor>(toLoad.Count);
        try
        {
            foreach (var (modelTensor, source) in toLoad)
            {
                var read = source.Tensor.Read();
                staged.Add(read);
                if (!Shapes.Equal(read.shape, modelTensor.shape))
                    throw new WeightFormatException($"tensor '{source.SourceKey}' read as shape {Shapes.Format(read.shape)}, not the declared {Shapes.Format(source.Tensor.Shape)}.", file.Path);
                if (read.dtype != modelTensor.dtype)
                {
                    staged[^1] = read.to_type(modelTensor.dtype);
                    read.Dispose();
                }
            }
            using (no_grad())
            {
                for (var i = 0; i < toLoad.Count; i++)
                    toLoad[i].Target.copy_(staged[i]);
            }
            return report;
        }
        finally
        {
            foreach (var tensor in staged)
                tensor.Dispose();
        }
    }

    /// <summary>StripPrefixes (the first that matches), then Rename (whole key, or a leading dotted part), then AddPrefix.</summary>
    internal static string MapKey(string key, WeightLoadOptions options)
    {
        foreach (var prefix in options.StripPrefixes)
        {
            if (prefix.Length > 0 && key.StartsWith(prefix, StringComparison.Ordinal))
            {
                key = key[prefix.Length..];
                break;
            }
        }
        if (options.Rename.TryGetValue(key, out var renamed))
        {
            key = renamed;
        }
        else
        {
            // The longest renamed leading part wins: "fc" -> "classifier.3" maps "fc.weight".
            var best = options.Rename.Keys
                .Where(from => key.StartsWith(from + ".", StringComparison.Ordinal))
                .OrderByDescending(from => from.Length)
                .FirstOrDefault();
            if (best is not null)
                key = options.Rename[best] + key[best.Length..];
        }
        return options.AddPrefix + key;
    }
}
