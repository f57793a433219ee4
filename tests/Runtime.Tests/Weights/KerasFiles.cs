using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PureHDF;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Tests.Weights;

/// <summary>
/// Keras-layout .h5 files written through PureHDF as Keras' save_weights writes them: the root attribute
/// layer_names, each layer's group with weight_names, datasets at layer/layer/kernel:0.
/// </summary>
internal static class KerasFiles
{
    /// <summary>One Keras weight: its name (kernel, bias, ...), shape in Keras layout, values.</summary>
    public sealed record Weight(string Name, int[] Shape, float[] Values);

    public static Weight Random(string name, Random random, params int[] shape) =>
        new(name, shape, Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray());

    /// <summary>Writes the layers in order; a layer with no weights gets an empty weight_names.</summary>
    /// <param name="asKerasDoes">
    /// Write as Keras' save_attributes_to_hdf5_group does for long lists and empty ones: layer_names in two chunks
    /// (layer_names0, layer_names1), and an empty float64 array as weight_names of a layer without weights.
    /// </param>
    public static string Write(string folder, string fileName, IReadOnlyList<(string Layer, Weight[] Weights)> layers, bool underModelWeights = false, bool asKerasDoes = false)
    {
        var root = new H5Group();
        var names = layers.Select(l => l.Layer).ToArray();
        root.Attributes = new Dictionary<string, object> { ["backend"] = "tensorflow", ["keras_version"] = "2.15.0" };
        if (asKerasDoes)
        {
            root.Attributes["layer_names0"] = names[..(names.Length / 2)];
            root.Attributes["layer_names1"] = names[(names.Length / 2)..];
        }
        else
        {
            root.Attributes["layer_names"] = names;
        }
        foreach (var (layer, weights) in layers)
        {
            var inner = new H5Group();
            foreach (var w in weights)
                inner[$"{w.Name}:0"] = new H5Dataset(w.Values, fileDims: w.Shape.Select(d => (ulong)d).ToArray());
            var group = new H5Group
            {
                Attributes = new Dictionary<string, object>
                {
                    ["weight_names"] = asKerasDoes && weights.Length == 0 ? Array.Empty<double>() : weights.Select(w => $"{layer}/{w.Name}:0").ToArray(),
                },
            };
            if (weights.Length > 0)
                group[layer] = inner;
            root[layer] = group;
        }
        var file = new H5File();
        if (underModelWeights)
        {
            file["model_weights"] = root;
        }
        else
        {
            file.Attributes = root.Attributes;
            foreach (var (name, child) in root)
                file[name] = child;
        }
        var path = Path.Combine(folder, fileName);
        file.Write(path);
        return path;
    }

    /// <summary>Keras value at a multi-index of a row-major (C order) Keras-layout array.</summary>
    public static float At(Weight w, params int[] index)
    {
        var flat = 0;
        for (var i = 0; i < index.Length; i++)
            flat = flat * w.Shape[i] + index[i];
        return w.Values[flat];
    }

    public static float At(Tensor t, params long[] index) => t[index.Select(i => TensorIndex.Single(i)).ToArray()].item<float>();
}
