namespace NetDsl.Export.Onnx;

/// <summary>The attribute kinds the lowerings use; the values are onnx.proto's AttributeType.</summary>
public enum OnnxAttributeKind
{
    Float = 1,
    Int = 2,
    String = 3,
    Ints = 7,
}
