using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Runtime.Files;
using PureHDF;

namespace NetDsl.Runtime.Weights.Keras;

/// <summary>
/// Reads Keras weights from HDF5 in the legacy layout of <c>model.save_weights('x.h5')</c> and of Keras
/// applications' weight files (and of <c>model.save('x.h5')</c>, under its <c>model_weights</c> group): the root
/// attribute <c>layer_names</c>, each layer's group with the attribute <c>weight_names</c>, and the datasets those
/// name, such as <c>block1_conv1/block1_conv1/kernel:0</c>. HDF5 parsing is PureHDF's; every dataset's declared size
/// is checked against the file's size before it is read, and anything PureHDF throws on a damaged file becomes a
/// <see cref="WeightFormatException"/>.
/// </summary>
internal static class KerasH5Reader
{
    public static KerasLayers Read(string path)
    {
        using var stream = InputFile.OpenRead(path, (problem, inner) => new WeightFormatException($"{problem}.", path, inner));
        var fileLength = stream.Length;
        CheckEndOfFile(stream, path);
        Hdf5StructureCheck.Check(stream, path);
        try
        {
            using var file = H5File.Open(stream, leaveOpen: true);
            IH5Group root = file;
            if (!root.AttributeExists("layer_names") && !root.AttributeExists("layer_names0"))
            {
                if (root.LinkExists("model_weights"))
                    root = root.Group("model_weights");
                else
                    throw new WeightFormatException("this HDF5 file has no 'layer_names' attribute, so it is not a Keras weights file in the " +
                                                    "HDF5 layout of save_weights('x.h5') (Keras 3's .weights.h5 layout is not supported).", path);
            }
            var layers = new List<KerasLayer>();
            var layerNames = new HashSet<string>(StringComparer.Ordinal);
            // Distinct datasets of an uncompressed file cannot hold more than the file; names repeated (or hard links
            // to one dataset) could make every read of a few megabytes cost gigabytes, so the total is bounded too.
            var budget = new ReadBudget(fileLength);
            foreach (var layerName in ReadStrings(root, "layer_names", path))
            {
                if (!layerNames.Add(layerName))
                    throw new WeightFormatException($"layer_names lists the layer '{layerName}' twice.", path);
                var group = root.Group(layerName);
                var weightNames = ReadStrings(group, "weight_names", path);
                if (weightNames.Length == 0)
                    continue;
                var weights = new List<KerasStoredTensor>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var weightName in weightNames)
                {
                    if (!seen.Add(weightName))
                        throw new WeightFormatException($"the weight_names of layer '{layerName}' list '{weightName}' twice.", path);
                    weights.Add(ReadWeight(group, layerName, weightName, budget, path));
                }
                layers.Add(new KerasLayer(layerName, weights));
            }
            return new KerasLayers(layers);
        }
        catch (WeightException)
        {
            throw;
        }
        catch (Exception e)
        {
            // PureHDF parses the HDF5 structure; whatever it throws on a damaged file (including an OutOfMemoryException
            // for an impossible array size it computed from corrupted metadata) is reported as a damaged file.
            throw new WeightFormatException($"the HDF5 file is damaged or not a Keras weights file: {e.GetType().Name}: {e.Message}", path, e);
        }
    }

    // The superblock records the file's end address; a shorter file is truncated (PureHDF does not check this).
    private static void CheckEndOfFile(FileStream stream, string path)
    {
        var fileLength = stream.Length;
        var buffer = new byte[64];
        stream.Position = 0;
        var count = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var head = buffer.AsSpan(0, count).ToArray();
        if (head.Length < 12)
            throw new WeightFormatException("the HDF5 file is truncated (no complete superblock).", path);
        var version = head[8];
        int offsetSize, baseAt;
        switch (version)
        {
            case 0:
            case 1:
                offsetSize = head[13];
                baseAt = version == 0 ? 24 : 28;
                break;
            case 2:
            case 3:
                offsetSize = head[9];
                baseAt = 12;
                break;
            default:
                throw new WeightFormatException($"HDF5 superblock version {version} is not one PureHDF reads.", path);
        }
        if (offsetSize is not (2 or 4 or 8) || baseAt + 3 * offsetSize > head.Length)
            throw new WeightFormatException("the HDF5 superblock is damaged.", path);
        ulong Read(int at)
        {
            ulong value = 0;
            for (var i = offsetSize - 1; i >= 0; i--)
                value = (value << 8) | head[at + i];
            return value;
        }
        var baseAddress = Read(baseAt);
        var end = Read(baseAt + 2 * offsetSize);
        if (baseAddress > (ulong)fileLength || end > (ulong)fileLength - baseAddress)
            throw new WeightFormatException($"the HDF5 superblock says the file ends at byte {end}, but it has {fileLength} bytes (truncated or damaged).", path);
    }

    // Keras writes name lists with save_attributes_to_hdf5_group: one attribute, or, past HDF5's 64 KB header limit,
    // chunks name0, name1, ...; a layer without weights gets an empty array (of numpy's default float64 dtype).
    private static string[] ReadStrings(IH5Object owner, string attribute, string path)
    {
        if (owner.AttributeExists(attribute))
            return ReadStringAttribute(owner, attribute, path);
        var names = new List<string>();
        for (var chunk = 0; owner.AttributeExists($"{attribute}{chunk}"); chunk++)
        {
            if (chunk > 10_000)
                throw new WeightFormatException($"attribute '{attribute}' has too many chunks.", path);
            names.AddRange(ReadStringAttribute(owner, $"{attribute}{chunk}", path));
        }
        return names.ToArray();
    }

    private static string[] ReadStringAttribute(IH5Object owner, string attribute, string path)
    {
        var value = owner.Attribute(attribute);
        var space = value.Space;
        if (space.Type == H5DataspaceType.Null || space.Dimensions.Any(d => d == 0))
            return Array.Empty<string>();
        if (value.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength) || space.Rank > 1)
            throw new WeightFormatException($"attribute '{attribute}' is not a list of strings.", path);
        var count = space.Rank == 0 ? 1UL : space.Dimensions[0];
        if (count > 1_000_000)
            throw new WeightFormatException($"attribute '{attribute}' claims {count} names.", path);
        return value.Read<string[]>().Select(s => s.TrimEnd('\0')).ToArray();
    }

    private static KerasStoredTensor ReadWeight(IH5Group group, string layerName, string weightName, ReadBudget budget, string path)
    {
        var fileLength = budget.FileLength;
        var dataset = group.Dataset(weightName);
        if (dataset.Layout.Class == H5DataLayoutClass.VirtualStorage)
            throw new WeightFormatException($"weight '{weightName}' of layer '{layerName}' is a virtual dataset; it is refused.", path);
        var dims = dataset.Space.Dimensions;
        if (dims.Length > 8)
            throw new WeightFormatException($"weight '{weightName}' of layer '{layerName}' has {dims.Length} dimensions.", path);
        var shape = new long[dims.Length];
        for (var i = 0; i < dims.Length; i++)
            shape[i] = dims[i] <= (ulong)fileLength ? (long)dims[i] : throw new WeightFormatException(
                $"weight '{weightName}' of layer '{layerName}' claims a dimension of {dims[i]}, larger than the file.", path);
        var numel = Shapes.CheckedNumel(shape);
        var type = dataset.Type;
        if (type.Class != H5DataTypeClass.FloatingPoint || type.Size is not (4 or 8))
            throw new WeightFormatException($"weight '{weightName}' of layer '{layerName}' is not float32 or float64 ({type.Class}, {type.Size} bytes).", path);
        if (numel < 0 || numel > fileLength / type.Size)
            throw new WeightFormatException($"weight '{weightName}' of layer '{layerName}' of shape {Shapes.Format(shape)} declares more data " +
                                            $"than the file's {fileLength} bytes (truncated or damaged; compressed datasets are not supported).", path);
        if (!budget.Take(numel * type.Size))
            throw new WeightFormatException($"the weights up to '{weightName}' of layer '{layerName}' declare {budget.Taken:N0} bytes, more than " +
                                            $"the file's {fileLength:N0}: datasets are named more than once (through hard links or repeated names).", path);
        var shortName = weightName.Split('/')[^1];
        var colon = shortName.LastIndexOf(':');
        if (colon > 0)
            shortName = shortName[..colon];
        var name = $"{layerName}/{weightName.Split('/')[^1]}";
        if (type.Size == 4)
        {
            var data = dataset.Read<float[]>();
            return data.LongLength == numel ? new KerasStoredTensor(name, shortName, shape, data) : throw Short(name, path);
        }
        var doubles = dataset.Read<double[]>();
        return doubles.LongLength == numel ? new KerasStoredTensor(name, shortName, shape, doubles) : throw Short(name, path);
    }

    private static WeightFormatException Short(string name, string path) => new($"weight '{name}' holds fewer values than its shape.", path);
}
