using System.Collections.Generic;

namespace NetDsl.Export.Onnx;

/// <summary>
/// A graph input or output: its name, element type and axes, each a fixed size or a symbol (<c>batch</c>, a declared
/// sequence axis such as <c>t</c>), which ONNX Runtime lets vary.
/// </summary>
public sealed record OnnxValue(string Name, OnnxElementType Type, IReadOnlyList<OnnxDimension> Dims);
