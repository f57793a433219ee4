using System.Collections.Generic;

namespace NetDsl.Export.Onnx;

/// <summary>One operator of the graph (default domain, the graph's opset): its inputs and outputs are value names.</summary>
public sealed record OnnxNode(string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes);
