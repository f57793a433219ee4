using System;
using System.Collections.Generic;
using System.IO;

namespace NetDsl.Export.Onnx;

/// <summary>
/// A weight's values as the ONNX writer takes them, whatever holds them (a TorchSharp state_dict, a safetensors file):
/// its element type and sizes, checked against the graph before anything is written, and <see cref="Write"/>, which
/// writes its little-endian bytes (element count × the type's size) when the file reaches them, so no model's weights
/// are ever copied into one buffer.
/// </summary>
public sealed record OnnxWeight(OnnxElementType Type, IReadOnlyList<long> Dims, Action<Stream> Write);
