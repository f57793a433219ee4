using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetDsl.Diagrams;

/// <summary>
/// The lines of text a box shows, the same in every writer: its name (a layer's path), its op (with the number of
/// copies of a chain), its output shape. A long op is wrapped after a comma so boxes stay narrow.
/// </summary>
public static class DiagramLabels
{
    /// <summary>The longest line an op is wrapped to, in characters.</summary>
    public const int WrapAt = 44;

    /// <summary>The box's lines, the name first (empty when the node has no name).</summary>
    public static IReadOnlyList<string> Lines(DiagramNode node)
    {
        var lines = new List<string>();
        if (node.Name.Length > 0) lines.Add(node.Name);
        var operation = node.Copies > 1 ? node.Operation + " × " + node.Copies.ToString(CultureInfo.InvariantCulture) : node.Operation;
        if (node.Kind is not (DiagramNodeKind.Input or DiagramNodeKind.Output) || node.Name.Length == 0 || operation != "input" && operation != "output") lines.AddRange(Wrap(operation));
        if (node.Shape.Length > 0) lines.Add(node.Shape);
        return lines;
    }

    /// <summary><paramref name="text"/> in lines of at most <see cref="WrapAt"/> characters where a comma allows it.</summary>
    public static IEnumerable<string> Wrap(string text)
    {
        if (text.Length == 0) yield break;
        var line = new StringBuilder();
        var start = 0;
        while (start < text.Length)
        {
            var next = text.IndexOf(", ", start, System.StringComparison.Ordinal);
            var piece = next < 0 ? text.Substring(start) : text.Substring(start, next + 2 - start);
            if (line.Length > 0 && line.Length + piece.TrimEnd().Length > WrapAt)
            {
                yield return line.ToString().TrimEnd();
                line.Clear().Append("  ");
            }
            line.Append(piece);
            start = next < 0 ? text.Length : next + 2;
        }
        if (line.Length > 0) yield return line.ToString().TrimEnd();
    }
}
