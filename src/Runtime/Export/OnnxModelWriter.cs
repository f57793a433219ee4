using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetDsl.Export.Onnx;
using NetDsl.Runtime.Weights.Formats;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Export;

/// <summary>
/// Writes an <see cref="OnnxGraph"/> as an ONNX ModelProto (field numbers from onnx/onnx.proto), its weights read from
/// the module's state_dict by key. Own writer rather than Google.Protobuf: the handful of messages needs no generated
/// code or copied schema, and the graph streams to the file part by part instead of being one message in memory.
/// </summary>
internal static class OnnxModelWriter
{
    /// <summary>IR version 8 (2021-07-30), the one opset 17 came with; ONNX Runtime and onnx 1.12 read it.</summary>
    public const long IrVersion = 8;

    public const long Opset = 17;

    public static void Write(Stream stream, OnnxGraph graph, IReadOnlyDictionary<string, Tensor> state, IReadOnlyList<(string Key, string Value)> metadata)
    {
        var model = new ProtoWriter()
            .Int(1, IrVersion)
            .String(2, "NetDsl")
            .String(3, typeof(OnnxModelWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0")
            .Message(8, new ProtoWriter().String(1, "").Int(2, Opset));
        foreach (var (key, value) in metadata) model.Message(14, new ProtoWriter().String(1, key).String(2, value));
        model.CopyTo(stream);

        var parts = new List<ProtoPart>();
        foreach (var node in graph.Nodes) parts.Add(new ProtoPart(1, Node(node)));
        parts.Add(new ProtoPart(2, Text(graph.GraphName)));
        foreach (var initializer in graph.Initializers) parts.Add(Initializer(initializer, state));
        foreach (var input in graph.Inputs) parts.Add(new ProtoPart(11, ValueInfo(input)));
        foreach (var output in graph.Outputs) parts.Add(new ProtoPart(12, ValueInfo(output)));
        ProtoWriter.WriteMessage(stream, 7, parts);
    }

    /// <summary>A string field's content alone (the graph's name is field 2 of GraphProto, written as a part).</summary>
    private static ProtoWriter Text(string value) => new ProtoWriter().Raw(System.Text.Encoding.UTF8.GetBytes(value));

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
    /// A TensorProto: dims, type, name and raw_data (little-endian, as ONNX stores it). A weight's bytes are checked against
    /// the declaration now and copied from the tensor only when the file is written.
    /// </summary>
    private static ProtoPart Initializer(OnnxInitializer initializer, IReadOnlyDictionary<string, Tensor> state)
    {
        var head = new ProtoWriter().PackedInts(1, initializer.Dims).Int(2, (long)initializer.Type).String(8, initializer.Name);
        if (initializer.StateKey is { } key)
        {
            if (!state.TryGetValue(key, out var tensor))
                throw new OnnxExportException($"the graph needs the weight '{key}', which the module's state_dict does not hold");
            if (!tensor.shape.SequenceEqual(initializer.Dims))
                throw new OnnxExportException($"the weight '{key}' is [{string.Join(", ", tensor.shape)}] in the module, the declaration says [{string.Join(", ", initializer.Dims)}]");
            return new ProtoPart(5, head, 9, tensor.numel() * sizeof(float), stream =>
            {
                using var floats = tensor.dtype == ScalarType.Float32 ? null : tensor.to_type(ScalarType.Float32);
                using var bytes = new TensorBytes(floats ?? tensor);
                stream.Write(bytes.Bytes);
            });
        }
        if (initializer.Int64s is { } longs)
        {
            var raw = new byte[longs.Count * 8];
            for (var i = 0; i < longs.Count; i++) BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * 8), longs[i]);
            return new ProtoPart(5, head.Bytes(9, raw));
        }
        var values = initializer.Floats!;
        var floatBytes = new byte[values.Count * 4];
        for (var i = 0; i < values.Count; i++) BinaryPrimitives.WriteSingleLittleEndian(floatBytes.AsSpan(i * 4), values[i]);
        return new ProtoPart(5, head.Bytes(9, floatBytes));
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
