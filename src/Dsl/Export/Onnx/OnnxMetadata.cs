using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Export.Onnx;

/// <summary>
/// What an exported file records besides the graph (its <c>metadata_props</c>): the network's name, the arguments the
/// graph was lowered for, the declaration text, and what each output holds (docs/export.md, "What the file holds").
/// </summary>
public static class OnnxMetadata
{
    public static IReadOnlyList<KeyValuePair<string, string>> Of(OnnxGraph graph, string declarationText)
    {
        var metadata = new List<KeyValuePair<string, string>>
        {
            new("netdsl.network", graph.GraphName),
            new("netdsl.arguments", string.Join(", ", graph.Arguments.Select(a => a.Key + "=" + a.Value))),
            new("netdsl.declaration", declarationText),
        };
        foreach (var output in graph.Outputs) metadata.Add(new("netdsl.output." + output.Name + ".kind", graph.OutputKinds[output.Name].ToString()));
        return metadata;
    }
}
