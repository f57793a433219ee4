using System;
using System.Collections.Generic;
using System.Linq;
using NetDsl.WeightFormats;

namespace NetDsl.Export.Onnx;

/// <summary>
/// A safetensors file as the weights of an ONNX export, without TorchSharp (the command-line tool's
/// <c>netdsl export onnx --weights</c>): the file must hold the network's state_dict, as PyTorch's
/// <c>load_state_dict(strict=True)</c> wants it, each weight the graph reads of the declared shape and a floating-point
/// dtype (F32 is written as it is; F64, F16 and BF16 are converted to float32 on the way).
/// </summary>
public static class SafeTensorsWeights
{
    /// <summary>How many keys of each kind of problem a message lists before it counts the rest.</summary>
    private const int Listed = 20;

    private static readonly HashSet<string> FloatingPoint = new(StringComparer.Ordinal) { "F32", "F64", "F16", "BF16" };

    /// <summary>
    /// What keeps <paramref name="file"/> from being the weights of <paramref name="graph"/>'s network: keys the network has
    /// and the file lacks, keys the file has and the network lacks, weights of another shape or of a dtype that is not
    /// floating point; empty when none.
    /// </summary>
    public static IReadOnlyList<string> Problems(OnnxGraph graph, SafeTensorsFile file)
    {
        var stored = file.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var declared = new HashSet<string>(graph.StateKeys, StringComparer.Ordinal);
        var problems = new List<string>();
        var missing = graph.StateKeys.Distinct().Where(k => !stored.ContainsKey(k)).ToList();
        if (missing.Count > 0) problems.Add($"the file lacks {Keys(missing)} of the network's state_dict");
        var unexpected = file.Tensors.Where(t => !declared.Contains(t.Name)).Select(t => t.Name).ToList();
        if (unexpected.Count > 0) problems.Add($"the file holds {Keys(unexpected)}, which the network does not have");
        foreach (var key in graph.StateKeys.Distinct())
        {
            if (!stored.TryGetValue(key, out var tensor) || !graph.WeightDims.TryGetValue(key, out var dims)) continue;
            if (!tensor.Shape.SequenceEqual(dims))
                problems.Add($"'{key}' is {StoredShapes.Format(tensor.Shape)} in the file, the network's is {StoredShapes.Format(dims)}");
            if (!FloatingPoint.Contains(tensor.DType))
                problems.Add($"'{key}' is {tensor.DType} in the file; the network's weight is floating point (F32, F64, F16 or BF16)");
        }
        return problems;
    }

    /// <summary>The file's floating-point tensors as the writer takes them, float32, read from the file when the writer reaches each.</summary>
    public static Dictionary<string, OnnxWeight> Of(SafeTensorsFile file)
    {
        var weights = new Dictionary<string, OnnxWeight>(StringComparer.Ordinal);
        foreach (var tensor in file.Tensors.Where(t => FloatingPoint.Contains(t.DType)))
        {
            Func<byte[], int, byte[]>? convert = tensor.DType switch
            {
                "F64" => FromDouble,
                "F16" => FromHalf,
                "BF16" => FromBFloat16,
                _ => null,
            };
            weights[tensor.Name] = new OnnxWeight(OnnxElementType.Float, tensor.Shape, stream => file.CopyTo(tensor, stream, convert));
        }
        return weights;
    }

    private static string Keys(IReadOnlyList<string> keys) =>
        (keys.Count == 1 ? "the key " : $"{keys.Count} keys: ") + string.Join(", ", keys.Take(Listed).Select(k => "'" + k + "'"))
        + (keys.Count > Listed ? $" and {keys.Count - Listed} more" : "");

    private static byte[] FromDouble(byte[] chunk, int count)
    {
        var result = new byte[count / 2];
        for (var i = 0; i < count / 8; i++) Buffer.BlockCopy(BitConverter.GetBytes((float)BitConverter.ToDouble(chunk, i * 8)), 0, result, i * 4, 4);
        return result;
    }

    /// <summary>bfloat16 is the high half of a float32: its bits, shifted.</summary>
    private static byte[] FromBFloat16(byte[] chunk, int count)
    {
        var result = new byte[count * 2];
        for (var i = 0; i < count / 2; i++)
        {
            result[i * 4 + 2] = chunk[i * 2];
            result[i * 4 + 3] = chunk[i * 2 + 1];
        }
        return result;
    }

    /// <summary>IEEE half to single, bit by bit: the same value, subnormals, infinities and NaNs included.</summary>
    private static byte[] FromHalf(byte[] chunk, int count)
    {
        var result = new byte[count * 2];
        for (var i = 0; i < count / 2; i++)
        {
            var half = chunk[i * 2] | (chunk[i * 2 + 1] << 8);
            var sign = (uint)(half >> 15) << 31;
            var exponent = (half >> 10) & 0x1f;
            var mantissa = (uint)(half & 0x3ff);
            uint bits;
            if (exponent == 0 && mantissa == 0) bits = sign;
            else if (exponent == 0)
            {
                // A subnormal half is a normal float: shift the mantissa up to its leading one.
                var e = 1;
                while ((mantissa & 0x400) == 0)
                {
                    mantissa <<= 1;
                    e--;
                }
                bits = sign | (uint)(e + 112) << 23 | (mantissa & 0x3ff) << 13;
            }
            else if (exponent == 31) bits = sign | 0x7f800000u | mantissa << 13;
            else bits = sign | (uint)(exponent + 112) << 23 | mantissa << 13;
            result[i * 4] = (byte)bits;
            result[i * 4 + 1] = (byte)(bits >> 8);
            result[i * 4 + 2] = (byte)(bits >> 16);
            result[i * 4 + 3] = (byte)(bits >> 24);
        }
        return result;
    }
}
