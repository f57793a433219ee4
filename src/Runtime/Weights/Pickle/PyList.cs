using System.Collections.Generic;

namespace NetDsl.Runtime.Weights.Pickle;

/// <summary>A Python list.</summary>
internal sealed class PyList
{
    public List<object?> Items { get; } = new();

    public int Depth { get; set; } = 1;
}
