namespace NetDsl.Export.Onnx;

/// <summary>One axis of an <see cref="OnnxValue"/>: a size, or a symbol when <see cref="Symbol"/> is set.</summary>
public readonly record struct OnnxDimension(long Size, string? Symbol)
{
    public static OnnxDimension Of(long size) => new(size, null);

    public static OnnxDimension Named(string symbol) => new(0, symbol);
}
