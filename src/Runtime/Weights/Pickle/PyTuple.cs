using System.Collections.Generic;

namespace NetDsl.Runtime.Weights.Pickle;

/// <summary>A Python tuple.</summary>
internal sealed class PyTuple
{
    public PyTuple(IReadOnlyList<object?> items, int depth)
    {
        Items = items;
        Depth = depth;
    }

    public IReadOnlyList<object?> Items { get; }

    /// <summary>How many containers deep this one nests (1 for a tuple of scalars).</summary>
    public int Depth { get; }
}
