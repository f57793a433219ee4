using System.Collections.Generic;

namespace NetDsl.Export.Onnx;

/// <summary>
/// A tensor stored in the model. A weight names the state_dict key its values come from (<see cref="StateKey"/>, also its
/// name in the graph), so the writer reads them from the module; a constant the lowering made (a shape, an axis list,
/// a scalar) carries its values.
/// </summary>
public sealed record OnnxInitializer(string Name, OnnxElementType Type, IReadOnlyList<long> Dims)
{
    /// <summary>The state_dict key whose tensor this is, or null for a constant.</summary>
    public string? StateKey { get; init; }

    /// <summary>The values of an Int64 constant.</summary>
    public IReadOnlyList<long>? Int64s { get; init; }

    /// <summary>The values of a Float constant.</summary>
    public IReadOnlyList<float>? Floats { get; init; }
}
