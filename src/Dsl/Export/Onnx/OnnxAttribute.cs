using System.Collections.Generic;

namespace NetDsl.Export.Onnx;

/// <summary>One attribute of an ONNX node: an integer, a float, a list of integers or a string (the kinds the lowerings use).</summary>
public sealed record OnnxAttribute(string Name, OnnxAttributeKind Kind, long Int = 0, float Float = 0, IReadOnlyList<long>? Ints = null, string? String = null)
{
    public static OnnxAttribute Of(string name, long value) => new(name, OnnxAttributeKind.Int, Int: value);

    public static OnnxAttribute Of(string name, float value) => new(name, OnnxAttributeKind.Float, Float: value);

    public static OnnxAttribute Of(string name, IReadOnlyList<long> values) => new(name, OnnxAttributeKind.Ints, Ints: values);

    public static OnnxAttribute Of(string name, string value) => new(name, OnnxAttributeKind.String, String: value);
}
