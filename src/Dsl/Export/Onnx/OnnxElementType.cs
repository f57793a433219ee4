namespace NetDsl.Export.Onnx;

/// <summary>Tensor element types the graph uses; the values are onnx.proto's TensorProto.DataType.</summary>
public enum OnnxElementType
{
    Float = 1,
    Int64 = 7,
}
