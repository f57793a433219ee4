using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NetDsl.Diagrams;

/// <summary>
/// Writes a network's diagram files into a folder: <c>Network.svg</c> and <c>Network.mmd</c>, and one file of each
/// format per block expansion (<c>Network.layer1.0.svg</c>), which the network's block boxes link to. A file whose
/// content is unchanged is not rewritten, so its time stamp still says when it last changed.
/// </summary>
public static class DiagramFiles
{
    /// <param name="inlineBlocks">Mermaid only: draw each block inside the diagram as a subgraph instead of one box.</param>
    /// <returns>The files written or already up to date, in order.</returns>
    public static IReadOnlyList<string> Write(NetworkDiagram diagrams, string folder, DiagramFormat formats, bool inlineBlocks = false)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var diagram in diagrams.All)
        {
            if ((formats & DiagramFormat.Svg) != 0) written.Add(Save(Path.Combine(folder, diagram.Name + ".svg"), SvgWriter.Write(MsaglLayout.Lay(diagram))));
            // An inlined network's Mermaid text holds its blocks; theirs are not needed.
            if ((formats & DiagramFormat.Mermaid) != 0 && (!inlineBlocks || diagram == diagrams.Network))
                written.Add(Save(Path.Combine(folder, diagram.Name + ".mmd"), MermaidWriter.Write(diagrams, diagram, inlineBlocks)));
        }
        return written;
    }

    private static string Save(string path, string text)
    {
        if (!File.Exists(path) || File.ReadAllText(path) != text) File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }
}
