using System.Collections.Generic;
using System.Linq;

namespace NetDsl.Diagrams;

/// <summary>
/// A network's diagram and the diagrams its block boxes expand into (<see cref="DiagramNode.Expansion"/>), each once:
/// calls that compute the same graph with the same shapes share one.
/// </summary>
public sealed record NetworkDiagram(Diagram Network, IReadOnlyList<Diagram> Blocks)
{
    /// <summary>The network's diagram, then every block's.</summary>
    public IEnumerable<Diagram> All => new[] { Network }.Concat(Blocks);

    /// <summary>The expansion named <paramref name="name"/>, or null.</summary>
    public Diagram? Block(string name) => Blocks.FirstOrDefault(b => b.Name == name);
}
