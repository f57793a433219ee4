using System.Collections.Generic;
using System.IO;
using System.Text;
using NetDsl.Runtime.Native;

namespace NetDsl.Runtime.Weights.Formats;

/// <summary>Writes TorchSharp's <c>Module.save</c> format (see <see cref="TorchSharpFormatReader"/>), which <c>Module.load</c> reads.</summary>
internal static class TorchSharpFormatWriter
{
    public static void Write(string path, IReadOnlyList<KeyValuePair<string, TensorBytes>> tensors)
    {
        AtomicFileWriter.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            Leb128(writer, tensors.Count);
            foreach (var (name, tensor) in tensors)
            {
                writer.Write(name);
                Leb128(writer, (long)tensor.DType);
                Leb128(writer, tensor.Shape.Length);
                foreach (var d in tensor.Shape)
                    Leb128(writer, d);
                writer.Write(tensor.Bytes);
            }
            writer.Flush();
        });
    }

    private static void Leb128(BinaryWriter writer, long value)
    {
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            writer.Write(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
    }
}
