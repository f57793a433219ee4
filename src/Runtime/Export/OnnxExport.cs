using System;
using System.Collections.Generic;
using NetDsl.Compiler;
using NetDsl.Export.Onnx;
using NetDsl.Runtime.Native;
using NetDsl.Runtime.Weights.Formats;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Export;

/// <summary>
/// ONNX export of generated networks (docs/export.md, "ONNX"): the module's own declaration, re-checked for the
/// arguments it was built with, lowered op by op (opset 17), with its current weights as initializers named by their
/// state_dict keys. The file is written by src/Dsl's <see cref="OnnxModelWriter"/>, which the command-line tool uses too.
/// </summary>
public static class OnnxExport
{
    /// <summary>
    /// Writes <paramref name="model"/> as an ONNX model at <paramref name="path"/>, atomically (a reader sees no file or the
    /// whole one). Evaluation mode: dropout and stochastic depth pass their input, batch norm uses its running statistics,
    /// outputs that exist only while training are left out. The batch axis (and every symbolic axis) is dynamic.
    /// </summary>
    /// <exception cref="ArgumentException">The module is not a generated network.</exception>
    /// <exception cref="OnnxExportException">A layer cannot be exported (its message names the layer and op), or a weight does not match.</exception>
    public static void ExportOnnx(this nn.Module model, string path)
    {
        var network = model as INetwork ?? throw new ArgumentException($"{model.GetType().Name} is not a generated network (INetwork): only those carry the declaration the export reads", nameof(model));
        var graph = OnnxGraph(network);
        var weights = Weights(model.state_dict());
        AtomicFileWriter.Write(path, stream => OnnxModelWriter.Write(stream, graph, weights, OnnxMetadata.Of(graph, network.Declaration.Text)));
    }

    /// <summary>The ONNX graph of a generated network instance, weights as state_dict references (what <see cref="ExportOnnx"/> writes).</summary>
    public static OnnxGraph OnnxGraph(INetwork network) => OnnxLowerer.Lower(DeclaredNetworks.Check(network.Declaration));

    /// <summary>
    /// The module's tensors as the writer takes them: floating-point ones as float32, others as int64 (converted on the way,
    /// so a module moved to float16 exports), each copied from the tensor's memory only when the file reaches it.
    /// </summary>
    private static Dictionary<string, OnnxWeight> Weights(Dictionary<string, Tensor> state)
    {
        var weights = new Dictionary<string, OnnxWeight>(StringComparer.Ordinal);
        foreach (var (key, tensor) in state)
        {
            var (type, dtype) = tensor.is_floating_point() ? (OnnxElementType.Float, ScalarType.Float32) : (OnnxElementType.Int64, ScalarType.Int64);
            weights[key] = new OnnxWeight(type, tensor.shape, stream =>
            {
                using var converted = tensor.dtype == dtype ? null : tensor.to_type(dtype);
                using var bytes = new TensorBytes(converted ?? tensor);
                stream.Write(bytes.Bytes);
            });
        }
        return weights;
    }
}
