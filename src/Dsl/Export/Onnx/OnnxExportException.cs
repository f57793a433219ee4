namespace NetDsl.Export.Onnx;

/// <summary>A network the ONNX export refuses (an op without a lowering, an argument its lowering cannot express), naming the layer.</summary>
public sealed class OnnxExportException : System.Exception
{
    public OnnxExportException(string message) : base(message) { }
}
