using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NetDsl.Runtime.Weights.Pickle;
using NetDsl.Runtime.Weights.Zip;

namespace NetDsl.Runtime.Weights.Formats;

/// <summary>
/// Reads a <c>torch.save</c> zip archive (PyTorch 1.6+): <c>&lt;archive&gt;/data.pkl</c> unpickled by the restricted
/// <see cref="PickleReader"/>, storages in <c>&lt;archive&gt;/data/&lt;key&gt;</c>, <c>&lt;archive&gt;/byteorder</c>,
/// and the version in <c>&lt;archive&gt;/.data/version</c> or <c>&lt;archive&gt;/version</c>.
/// </summary>
internal static class PyTorchArchiveReader
{
    /// <summary>The archive versions torch.load reads (caffe2 kMinSupportedFileFormatVersion..kMaxSupportedFileFormatVersion).</summary>
    private const int MaxVersion = 10;

    /// <summary>
    /// The tensors of an archive may declare at most this many bytes per byte of the file: views of one storage (tied
    /// embeddings, say) are each read into their own memory, but thousands of keys on one storage are an attack.
    /// </summary>
    public const int MaxDeclaredBytesPerFileByte = 2;

    private static readonly string[] WrapperEntries = { "state_dict", "model_state_dict", "model" };

    public static IReadOnlyList<StoredTensor> Read(MappedFile file, string? checkpointEntry)
    {
        var zip = ZipDirectory.Read(file);
        if (zip.Entries.Count == 0)
            throw new WeightFormatException("the zip archive holds no records.", file.Path);
        var first = zip.Entries[0].Name;
        var slash = first.IndexOf('/');
        if (slash <= 0)
            throw new WeightFormatException($"record '{first}' is not in a folder; a torch.save archive keeps every record in one top folder.", file.Path);
        var prefix = first[..(slash + 1)];
        foreach (var entry in zip.Entries)
        {
            if (!entry.Name.StartsWith(prefix, StringComparison.Ordinal))
                throw new WeightFormatException($"record '{entry.Name}' is outside the archive folder '{prefix}'.", file.Path);
        }
        if (zip.Find(prefix + "constants.pkl") is not null || zip.Entries.Any(e => e.Name.StartsWith(prefix + "code/", StringComparison.Ordinal)))
            throw new WeightFormatException("this is a TorchScript archive (torch.jit.save), which is not supported. " +
                                            "Save a state_dict instead: torch.save(model.state_dict(), path).", file.Path);

        if (zip.Entries.FirstOrDefault(e => e.IsCompressed) is { } compressed)
            throw new WeightFormatException($"record '{compressed.Name}' is compressed (method {compressed.Method}); torch.save stores every " +
                                            "record uncompressed, so this archive was repacked: re-save it with torch.save.", file.Path);
        var version = zip.Find(prefix + ".data/version") ?? zip.Find(prefix + "version")
            ?? throw new WeightFormatException("the archive has no version record; it was not written by torch.save.", file.Path);
        var versionText = Encoding.ASCII.GetString(ReadSmall(file, version, 32)).Trim();
        if (!int.TryParse(versionText, out var versionNumber) || versionNumber < 1 || versionNumber > MaxVersion)
            throw new WeightFormatException($"archive version '{versionText}' is not one this reader knows (1 to {MaxVersion}).", file.Path);

        var bigEndian = false;
        if (zip.Find(prefix + "byteorder") is { } byteorder)
        {
            var order = Encoding.ASCII.GetString(ReadSmall(file, byteorder, 16));
            bigEndian = order switch
            {
                "little" => false,
                "big" => true,
                _ => throw new WeightFormatException($"unknown byteorder '{order}'.", file.Path),
            };
        }

        var pickle = zip.Find(prefix + "data.pkl")
            ?? throw new WeightFormatException("the archive has no data.pkl record.", file.Path);
        var pickleBytes = file.ReadBytes(pickle.DataOffset, pickle.Size, "data.pkl");
        if (Crc32.Append(0, pickleBytes) != pickle.Crc32)
            throw new WeightFormatException($"record '{pickle.Name}' fails its CRC-32 check: the file is corrupted.", file.Path);
        var reader = new PickleReader(pickleBytes, $"record {pickle.Name}",
            key => zip.Find(prefix + "data/" + key)?.Size ?? -1);
        var top = reader.Load();
        var stateDict = FindStateDict(top, checkpointEntry, file.Path);

        var storages = new StorageRecords(file, zip, prefix);
        var tensors = new List<StoredTensor>();
        long declared = 0;
        foreach (var (key, value) in stateDict.Items)
        {
            if (value is not PyTensor tensor)
                continue; // state_dicts hold only tensors; other values (extra state) are not weights.
            if (key is not string name)
                throw new WeightFormatException($"a state_dict key is {key}, not a string.", file.Path);
            // Each view fits its storage; keys that share a storage (tied weights) each cost their own copy when read,
            // so the total is bounded by the file too.
            declared += Shapes.CheckedNumel(tensor.Size) * DTypes.ElementSize(tensor.DType);
            if (declared > MaxDeclaredBytesPerFileByte * file.Length)
                throw new WeightFormatException($"the tensors up to '{name}' declare {declared:N0} bytes, more than {MaxDeclaredBytesPerFileByte} times " +
                                                $"the file's {file.Length:N0}: many keys view the same storage.", file.Path);
            tensors.Add(new PyTorchStoredTensor(name, tensor, storages, bigEndian));
        }
        return tensors;
    }

    private static byte[] ReadSmall(MappedFile file, ZipEntry entry, int limit)
    {
        if (entry.Size > limit)
            throw new WeightFormatException($"record '{entry.Name}' is {entry.Size} bytes, more than a {limit}-byte marker.", file.Path);
        return file.ReadBytes(entry.DataOffset, entry.Size, entry.Name);
    }

    private static PyDict FindStateDict(object? top, string? checkpointEntry, string path)
    {
        if (top is not PyDict dict)
            throw new WeightFormatException("the archive holds a single object that is not a dict; save a state_dict: torch.save(model.state_dict(), path).", path);
        if (checkpointEntry is not null)
        {
            if (dict.TryGet(checkpointEntry, out var chosen) && chosen is PyDict chosenDict)
                return chosenDict;
            throw new WeightFormatException($"the checkpoint has no dict entry '{checkpointEntry}'; its entries are {Keys(dict)}.", path);
        }
        if (dict.Items.Count == 0 || dict.Items.Any(kv => kv.Value is PyTensor))
            return dict;
        foreach (var name in WrapperEntries)
        {
            if (dict.TryGet(name, out var inner) && inner is PyDict innerDict && innerDict.Items.Any(kv => kv.Value is PyTensor))
                return innerDict;
        }
        throw new WeightFormatException($"no state_dict found: the top-level dict holds no tensors and none of " +
                                        $"{string.Join(", ", WrapperEntries)}; its entries are {Keys(dict)}. " +
                                        "Set WeightLoadOptions.CheckpointEntry to the entry holding the state_dict.", path);
    }

    private static string Keys(PyDict dict) =>
        "[" + string.Join(", ", dict.Items.Take(20).Select(kv => $"'{kv.Key}'")) + (dict.Items.Count > 20 ? ", ..." : "") + "]";
}
