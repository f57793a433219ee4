using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace NetDsl.Cli.Tests;

/// <summary>Writes safetensors files for the tests by hand (the tool has no TorchSharp to save them with): header, then the data in order.</summary>
internal static class SafeTensorsWriting
{
    public sealed record Tensor(string DType, long[] Shape, byte[] Data);

    /// <summary>Float32 values as a tensor.</summary>
    public static Tensor Floats(long[] shape, float[] values) => new("F32", shape, values.SelectMany(BitConverter.GetBytes).ToArray());

    public static byte[] Bytes(IReadOnlyList<KeyValuePair<string, Tensor>> tensors)
    {
        var header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        foreach (var (name, tensor) in tensors)
        {
            header.Append($",\"{name}\":{{\"dtype\":\"{tensor.DType}\",\"shape\":[{string.Join(",", tensor.Shape)}],\"data_offsets\":[{offset},{offset + tensor.Data.Length}]}}");
            offset += tensor.Data.Length;
        }
        header.Append('}');
        while (header.Length % 8 != 0) header.Append(' ');
        var headerBytes = Encoding.UTF8.GetBytes(header.ToString());
        using var stream = new MemoryStream();
        stream.Write(BitConverter.GetBytes((ulong)headerBytes.Length));
        stream.Write(headerBytes);
        foreach (var (_, tensor) in tensors) stream.Write(tensor.Data);
        return stream.ToArray();
    }
}
