using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Weights.Keras;

/// <summary>
/// Pairs Keras layers with the model's layers (by order or by name, as Keras' <c>load_weights</c> does) and converts
/// each weight to PyTorch's layout and key:
/// conv kernel H×W×I×O → O×I×H×W; depthwise kernel H×W×C×M → (C·M)×1×H×W; separable = depthwise then a 1×1
/// pointwise conv (1×1×I×O → O×I×1×1, bias on the pointwise one); dense kernel (in, out) → (out, in);
/// batch norm gamma, beta, moving_mean, moving_variance → weight, bias, running_mean, running_var.
/// A model "layer" is a module that directly owns state_dict entries, in state_dict order.
/// </summary>
internal static class KerasMatcher
{
    public static (List<MappedWeight> Mapped, List<string> Unexpected) Match(
        KerasLayers file, IReadOnlyList<string> modelKeys, WeightLoadOptions options)
    {
        var targets = ModelLayers(modelKeys);
        var mapped = new List<MappedWeight>();
        var unexpected = new List<string>();
        var next = 0;
        foreach (var layer in file.Layers)
        {
            var weights = layer.Weights.ToDictionary(w => w.ShortName, StringComparer.Ordinal);
            var needed = weights.ContainsKey("depthwise_kernel") && weights.ContainsKey("pointwise_kernel") ? 2 : 1;
            IReadOnlyList<string> paths;
            if (options.KerasMatching == KerasMatching.ByOrder)
            {
                paths = targets.Skip(next).Take(needed).ToList();
                next += paths.Count;
            }
            else
            {
                var name = options.Rename.TryGetValue(layer.Name, out var renamed) ? renamed : layer.Name;
                if (options.AddPrefix is { } prefix)
                    name = prefix + name;
                paths = ByName(targets, name, needed);
            }
            if (paths.Count < needed)
            {
                unexpected.AddRange(layer.Weights.Select(w => w.Name));
                continue;
            }
            Convert(layer, weights, paths, mapped, unexpected);
        }
        return (mapped, unexpected);
    }

    private static void Convert(KerasLayer layer, Dictionary<string, KerasStoredTensor> weights, IReadOnlyList<string> paths,
        List<MappedWeight> mapped, List<string> unexpected)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);

        void Map(string shortName, string path, string local, Func<IReadOnlyList<long>, IReadOnlyList<long>?> shape, Func<Tensor, Tensor> convert)
        {
            if (!weights.TryGetValue(shortName, out var weight))
                return;
            var converted = shape(weight.Shape);
            if (converted is null)
                return; // Left unused: reported as unexpected below.
            used.Add(shortName);
            var tensor = ReferenceEquals(converted, weight.Shape) ? (StoredTensor)weight : new TransformedStoredTensor(weight, converted, convert);
            mapped.Add(new MappedWeight($"{path}.{local}", weight.Name, tensor));
        }

        var first = paths[0];
        if (weights.ContainsKey("depthwise_kernel"))
        {
            Map("depthwise_kernel", first, "weight", Depthwise, DepthwiseToTorch);
            var last = paths[^1];
            Map("pointwise_kernel", last, "weight", s => Permute(s, 4, 3, 2, 0, 1), t => t.permute(3, 2, 0, 1));
            Map("bias", last, "bias", Same, t => t);
        }
        else if (weights.ContainsKey("kernel"))
        {
            var rank = weights["kernel"].Shape.Count;
            var order = rank switch
            {
                2 => new long[] { 1, 0 },
                3 => new long[] { 2, 1, 0 },
                4 => new long[] { 3, 2, 0, 1 },
                5 => new long[] { 4, 3, 0, 1, 2 },
                _ => null,
            };
            if (order is not null)
                Map("kernel", first, "weight", s => Permute(s, rank, order), t => t.permute(order));
            Map("bias", first, "bias", Same, t => t);
        }
        else
        {
            Map("gamma", first, "weight", Same, t => t);
            Map("beta", first, "bias", Same, t => t);
            Map("moving_mean", first, "running_mean", Same, t => t);
            Map("moving_variance", first, "running_var", Same, t => t);
            Map("embeddings", first, "weight", Same, t => t);
        }
        unexpected.AddRange(layer.Weights.Where(w => !used.Contains(w.ShortName)).Select(w => w.Name));
    }

    private static IReadOnlyList<long> Same(IReadOnlyList<long> shape) => shape;

    private static IReadOnlyList<long>? Permute(IReadOnlyList<long> shape, int rank, params long[] order) =>
        shape.Count == rank ? order.Select(i => shape[(int)i]).ToArray() : null;

    // H×W×C×M → (C·M)×1×H×W; channel c·M + m, as TorchSharp's grouped convolution numbers them.
    private static IReadOnlyList<long>? Depthwise(IReadOnlyList<long> shape) =>
        shape.Count == 4 ? new[] { shape[2] * shape[3], 1, shape[0], shape[1] } : null;

    private static Tensor DepthwiseToTorch(Tensor kernel)
    {
        var s = kernel.shape;
        using var flat = kernel.reshape(s[0], s[1], s[2] * s[3], 1);
        return flat.permute(2, 3, 0, 1);
    }

    /// <summary>Module paths that own state_dict entries, in state_dict order.</summary>
    private static List<string> ModelLayers(IReadOnlyList<string> keys)
    {
        var paths = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var dot = key.LastIndexOf('.');
            var path = dot < 0 ? "" : key[..dot];
            if (seen.Add(path))
                paths.Add(path);
        }
        return paths;
    }

    // The module named exactly so, or whose last segment is the name; else the layers inside a module of that name.
    private static IReadOnlyList<string> ByName(List<string> targets, string name, int needed)
    {
        var exact = targets.Where(p => p == name || p.EndsWith("." + name, StringComparison.Ordinal)).ToList();
        if (exact.Count == 1 && needed == 1)
            return exact;
        var inside = targets.Where(p => p.StartsWith(name + ".", StringComparison.Ordinal) || p.Contains("." + name + ".", StringComparison.Ordinal)).ToList();
        if (inside.Count == needed)
            return inside;
        return exact.Count == needed ? exact : Array.Empty<string>();
    }
}
