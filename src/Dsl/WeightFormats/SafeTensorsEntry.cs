using System.Collections.Generic;

namespace NetDsl.WeightFormats;

/// <summary>
/// One tensor of a safetensors file, as its header describes it and <see cref="SafeTensorsHeader"/> checked it: the key,
/// the dtype name (<c>F32</c>, <c>BF16</c>, <c>I64</c>, ...), the shape, and where its bytes lie, counted from the start of
/// the data (after the header).
/// </summary>
public sealed record SafeTensorsEntry(string Name, string DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    public long Length => End - Begin;

    public override string ToString() => $"{Name} {DType} {StoredShapes.Format(Shape)}";
}
