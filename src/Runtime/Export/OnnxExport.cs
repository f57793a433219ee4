using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetDsl.Compiler;
using NetDsl.Export.Onnx;
using NetDsl.Runtime.Native;
using static TorchSharp.torch;

namespace NetDsl.Runtime.Export;

/// <summary>
/// ONNX export of generated networks (docs/export.md, "ONNX"): the module's own declaration, re-checked for the
/// arguments it was built with, lowered op by op (opset 17), with its current weights as initializers named by their
/// state_dict keys.
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
        var state = model.state_dict();
        AtomicFileWriter.Write(path, stream => OnnxModelWriter.Write(stream, graph, state, Metadata(network)));
    }

    /// <summary>The ONNX graph of a generated network instance, weights as state_dict references (what <see cref="ExportOnnx"/> writes).</summary>
    public static OnnxGraph OnnxGraph(INetwork network) => OnnxLowerer.Lower(DeclaredNetworks.Check(network.Declaration));

    /// <summary>What the file records besides the graph: the network, its arguments and declaration, and each output's kind.</summary>
    private static List<(string, string)> Metadata(INetwork network)
    {
        var declaration = network.Declaration;
        var metadata = new List<(string, string)>
        {
            ("netdsl.network", declaration.Name),
            ("netdsl.arguments", string.Join(", ", declaration.Arguments.Select(a => a.Name + "=" + Convert.ToString(a.Value, CultureInfo.InvariantCulture)))),
            ("netdsl.declaration", declaration.Text),
        };
        foreach (var output in network.Outputs.Where(o => !o.WhileTraining)) metadata.Add(("netdsl.output." + output.Name + ".kind", output.Kind.ToString()));
        return metadata;
    }
}
