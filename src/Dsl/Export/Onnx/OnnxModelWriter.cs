using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetDsl.Export.Onnx;

/// <summary>
/// Writes an <see cref="OnnxGraph"/> as an ONNX ModelProto (field numbers from onnx/onnx.proto), its weights taken by
/// state_dict key from any source (<see cref="OnnxWeight"/>). Own writer rather than Google.Protobuf: the handful of
/// messages needs no generated code or copied schema, and the graph streams to the file part by part instead of being
/// one message in memory. TorchSharp-free, so the runtime (weights from the module) and the command-line tool (weights
/// from a file) write through it alike.
/// </summary>
public static class OnnxModelWriter
{
    /// <summary>IR version 8 (2021-07-30), the one opset 17 came with; ONNX Runtime and onnx 1.12 read it.</summary>
    public const long IrVersion = 8;

    public const long Opset = 17;

    /// <summary>
    /// Writes the model. With <paramref name="weights"/>, every weight of the graph is an initializer read from it by its
    /// state_dict key; without, every weight is a graph input of its type and sizes (named by its key), so the file shows
    /// the network's structure and a runtime can be given the weights as inputs.
    /// </summary>
    /// <exception cref="OnnxExportException">A weight is missing from <paramref name="weights"/>, or has another type or shape than the graph's; nothing is written then.</exception>
    public static void Write(Stream stream, OnnxGraph graph, IReadOnlyDictionary<string, OnnxWeight>? weights, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        // Checked before the first byte, so a mismatch leaves the stream empty rather than half written.
        var parts = new List<ProtoPart>();
        foreach (var node in graph.Nodes) parts.Add(new ProtoPart(1, Node(node)));
        parts.Add(new ProtoPart(2, new ProtoWriter().Raw(System.Text.Encoding.UTF8.GetBytes(graph.GraphName))));
        var weightInputs = new List<OnnxValue>();
        foreach (var initializer in graph.Initializers)
        {
            if (initializer.StateKey is not null && weights is null)
                weightInputs.Add(new OnnxValue(initializer.Name, initializer.Type, initializer.Dims.Select(OnnxDimension.Of).ToList()));
            else parts.Add(Initializer(initializer, weights));
        }
        foreach (var input in graph.Inputs.Concat(weightInputs)) parts.Add(new ProtoPart(11, ValueInfo(input)));
        foreach (var output in graph.Outputs) parts.Add(new ProtoPart(12, ValueInfo(output)));

        var model = new ProtoWriter()
            .Int(1, IrVersion)
            .String(2, "NetDsl")
            .String(3, typeof(OnnxModelWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0")
            .Message(8, new ProtoWriter().String(1, "").Int(2, Opset));
        foreach (var entry in metadata) model.Message(14, new ProtoWriter().String(1, entry.Key).String(2, entry.Value));
        model.CopyTo(stream);
        ProtoWriter.WriteMessage(stream, 7, parts);
    }

    private static ProtoWriter Node(OnnxNode node)
    {
        var writer = new ProtoWriter();
        foreach (var input in node.Inputs) writer.String(1, input);
        foreach (var output in node.Outputs) writer.String(2, output);
        writer.String(3, node.Name).String(4, node.OpType);
        foreach (var attribute in node.Attributes) writer.Message(5, Attribute(attribute));
        return writer;
    }

    private static ProtoWriter Attribute(OnnxAttribute attribute)
    {
        var writer = new ProtoWriter().String(1, attribute.Name).Int(20, (long)attribute.Kind);
        switch (attribute.Kind)
        {
            case OnnxAttributeKind.Float: writer.Float(2, attribute.Float); break;
            case OnnxAttributeKind.Int: writer.Int(3, attribute.Int); break;
            case OnnxAttributeKind.String: writer.String(4, attribute.String!); break;
            case OnnxAttributeKind.Ints: writer.PackedInts(8, attribute.Ints!); break;
        }
        return writer;
    }

    /// <summary>
    /// A TensorProto: dims, type, name and raw_data (little-endian, as ONNX stores it). A weight is checked against the
    /// graph now and its bytes written only when the file reaches it.
    /// </summary>
    private static ProtoPart Initializer(OnnxInitializer initializer, IReadOnlyDictionary<string, OnnxWeight>? weights)
    {
        var head = new ProtoWriter().PackedInts(1, initializer.Dims).Int(2, (long)initializer.Type).String(8, initializer.Name);
        if (initializer.StateKey is { } key)
        {
            if (!weights!.TryGetValue(key, out var weight))
                throw new OnnxExportException($"the graph needs the weight '{key}', which the weights do not hold");
            if (weight.Type != initializer.Type)
                throw new OnnxExportException($"the weight '{key}' is {weight.Type}, the graph needs {initializer.Type}");
            if (!weight.Dims.SequenceEqual(initializer.Dims))
                throw new OnnxExportException($"the weight '{key}' is [{string.Join(", ", weight.Dims)}] in the weights, the declaration says [{string.Join(", ", initializer.Dims)}]");
            return new ProtoPart(5, head, 9, ElementCount(initializer.Dims) * ElementSize(initializer.Type), weight.Write);
        }
        if (initializer.Int64s is { } longs)
        {
            var raw = new byte[longs.Count * 8];
            for (var i = 0; i < longs.Count; i++) LittleEndian(BitConverter.GetBytes(longs[i]), raw, i * 8);
            return new ProtoPart(5, head.Bytes(9, raw));
        }
        var values = initializer.Floats!;
        var floatBytes = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++) LittleEndian(BitConverter.GetBytes(values[i]), floatBytes, i * 4);
        return new ProtoPart(5, head.Bytes(9, floatBytes));
    }

    /// <summary>The bytes one element of <paramref name="type"/> takes.</summary>
    public static int ElementSize(OnnxElementType type) => type switch
    {
        OnnxElementType.Float => 4,
        OnnxElementType.Int64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an element type the graph uses"),
    };

    private static long ElementCount(IReadOnlyList<long> dims)
    {
        long count = 1;
        foreach (var dim in dims) count *= dim;
        return count;
    }

    private static void LittleEndian(byte[] value, byte[] destination, int offset)
    {
        if (!BitConverter.IsLittleEndian) Array.Reverse(value);
        Buffer.BlockCopy(value, 0, destination, offset, value.Length);
    }

    private static ProtoWriter ValueInfo(OnnxValue value)
    {
        var shape = new ProtoWriter();
        foreach (var dim in value.Dims)
            shape.Message(1, dim.Symbol is { } symbol ? new ProtoWriter().String(2, symbol) : new ProtoWriter().Int(1, dim.Size));
        var tensor = new ProtoWriter().Int(1, (long)value.Type).Message(2, shape);
        return new ProtoWriter().String(1, value.Name).Message(2, new ProtoWriter().Message(1, tensor));
    }
}
