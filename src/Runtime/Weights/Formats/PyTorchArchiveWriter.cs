using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NetDsl.Runtime.Native;
using NetDsl.Runtime.Weights.Pickle;
using NetDsl.Runtime.Weights.Zip;

namespace NetDsl.Runtime.Weights.Formats;

/// <summary>
/// Writes a state_dict as PyTorch's <c>torch.save</c> does (torch/serialization.py <c>_save</c> with
/// caffe2/serialize/inline_container.cc), so <c>torch.load(path, weights_only=True)</c> reads it:
/// <c>data.pkl</c> (protocol 2, see <see cref="PickleWriter"/>), <c>.format_version</c> = "1",
/// <c>.storage_alignment</c> = "64", <c>byteorder</c> = "little", one record <c>data/&lt;key&gt;</c> per storage with
/// keys "0", "1", ... in first-use order, then what the stream writer adds at the end: <c>version</c> = "3\n"
/// (its produced version 3 is below 6, so the record is <c>version</c>, not <c>.data/version</c>) and
/// <c>.data/serialization_id</c>. The top folder is the file name without its extension when that is ASCII,
/// else "archive".
/// </summary>
internal static class PyTorchArchiveWriter
{
    public static void Write(string path, IReadOnlyList<KeyValuePair<string, TensorBytes>> tensors)
    {
        var entries = new List<PickleWriter.Entry>();
        for (var i = 0; i < tensors.Count; i++)
        {
            var (key, tensor) = (tensors[i].Key, tensors[i].Value);
            entries.Add(new PickleWriter.Entry(key, i.ToString(System.Globalization.CultureInfo.InvariantCulture), tensor.DType, tensor.Numel, tensor.Shape));
        }
        var pickle = PickleWriter.WriteStateDict(entries);
        AtomicFileWriter.Write(path, stream =>
        {
            var zip = new ZipWriter(stream, ArchiveName(path));
            zip.Write("data.pkl", pickle);
            zip.Write(".format_version", "1"u8);
            zip.Write(".storage_alignment", "64"u8);
            zip.Write("byteorder", "little"u8);
            uint combined = 0;
            for (var i = 0; i < tensors.Count; i++)
            {
                var bytes = tensors[i].Value.Bytes;
                zip.Write($"data/{i}", bytes);
                combined = Crc32.Append(combined, bytes);
            }
            zip.Write("version", "3\n"u8);
            var names = string.Join("\n", new[] { "data.pkl", ".format_version", ".storage_alignment", "byteorder", "version" }
                .Concat(Enumerable.Range(0, tensors.Count).Select(i => $"data/{i}")));
            var id = $"{Crc32.Append(0, Encoding.UTF8.GetBytes(names)):D20}{combined:D20}";
            zip.Write(".data/serialization_id", Encoding.ASCII.GetBytes(id));
            zip.Finish();
        });
    }

    private static string ArchiveName(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return name.Length > 0 && name.All(c => c is > ' ' and < (char)127 && c != '/' && c != '\\') ? name : "archive";
    }
}
