using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using NetDsl.Emit;
using NetDsl.Semantics;

namespace NetDsl.Compiler;

/// <summary>
/// A network's summary, like Keras' <c>model.summary()</c> and torchinfo: every layer's row (path, op with its evaluated
/// arguments, output shape, parameters, multiply-accumulates) and the totals. The one printer of the table: the generated
/// <c>Summary</c> constant, <c>netdsl summary</c> and an instance's run-time summary (<c>model.Summarize()</c>) all come from
/// <see cref="Lines"/>.
/// </summary>
public sealed class NetworkSummary
{
    private NetworkSummary(CheckedNetwork network) => Network = network;

    /// <summary>The evaluated network the summary describes.</summary>
    public CheckedNetwork Network { get; }

    /// <summary>Every layer of the network, in the order the summary lists them.</summary>
    public IReadOnlyList<LayerInfo> Layers => Network.Rows;

    /// <summary>Trainable parameters: TorchSharp's <c>parameters()</c> count (a tied weight once).</summary>
    public long Parameters => Network.Parameters;

    /// <summary>Non-trainable state: batch-norm statistics and declared buffers.</summary>
    public long Buffers => Network.Buffers;

    /// <summary>Multiply-accumulates of one sample (torchvision's convention), the sum of the layers'.</summary>
    public long MultiplyAccumulates => Network.MultiplyAccumulates;

    /// <summary>Activation memory of one sample in bytes: every layer's output at 4 bytes an element.</summary>
    public long ActivationBytes => Network.ActivationBytes;

    /// <summary>The summary of an evaluated network (<see cref="DeclaredNetworks.Check"/>, or the build's).</summary>
    public static NetworkSummary Of(CheckedNetwork network) => new(network);

    /// <summary>
    /// An op longer than this is cut with an ellipsis in the table (<see cref="LayerInfo.Op"/> keeps it whole): wide enough
    /// for every row of the zoo's mirrors (docs/language.md, "Summaries").
    /// </summary>
    public const int OpWidth = 64;

    /// <summary>The table, line by line, listing at most <paramref name="maxRows"/> layers (then a line that counts the rest).</summary>
    public IReadOnlyList<string> Lines(int maxRows = int.MaxValue)
    {
        var network = Network;
        var listed = System.Math.Min(network.Rows.Count, maxRows);
        var rows = new List<string[]>(listed + 2) { new[] { "Layer (path)", "Op", "Output shape", "Param #", "Mult-Adds" } };
        rows.Add(new[] { "input", network.Syntax.TokenIds ? "input tokens" : "input", network.Input.ToDeclaredString(), "0", "0" });
        foreach (var r in network.Rows.Take(listed))
            rows.Add(new[] { r.Path, Shorten(r.Op), r.Output.ToString(), r.Parameters.ToString("N0", CultureInfo.InvariantCulture), Quantities.Short(r.MultiplyAccumulates) });
        var widths = new int[5];
        foreach (var row in rows)
        {
            for (var i = 0; i < widths.Length; i++) widths[i] = System.Math.Max(widths[i], row[i].Length);
        }
        var rule = new string('-', widths.Sum() + 8);
        var lines = new List<string>(rows.Count + 6) { network.Syntax.Name, rule };
        var line = new StringBuilder(rule.Length);
        foreach (var row in rows)
        {
            line.Clear();
            line.Append(row[0]).Append(' ', widths[0] - row[0].Length + 2);
            line.Append(row[1]).Append(' ', widths[1] - row[1].Length + 2);
            line.Append(row[2]).Append(' ', widths[2] - row[2].Length + 2);
            line.Append(' ', widths[3] - row[3].Length).Append(row[3]).Append("  ");
            line.Append(' ', widths[4] - row[4].Length).Append(row[4]);
            lines.Add(line.ToString());
            if (row == rows[0]) lines.Add(rule);
        }
        if (listed < network.Rows.Count)
            lines.Add($"... {(network.Rows.Count - listed).ToString("N0", CultureInfo.InvariantCulture)} more layers (the first {listed.ToString("N0", CultureInfo.InvariantCulture)} of {network.Rows.Count.ToString("N0", CultureInfo.InvariantCulture)} are listed)");
        lines.Add(rule);
        lines.Add($"Trainable parameters: {network.Parameters.ToString("N0", CultureInfo.InvariantCulture)}");
        lines.Add($"Non-trainable ({(network.DeclaredBuffers == 0 ? "batch-norm statistics" : "batch-norm statistics and buffers")}): {network.Buffers.ToString("N0", CultureInfo.InvariantCulture)}");
        lines.Add($"Mult-adds per sample: {Quantities.Short(network.MultiplyAccumulates)} ({network.MultiplyAccumulates.ToString("N0", CultureInfo.InvariantCulture)})");
        lines.Add($"Activations per sample: {Quantities.Megabytes(network.ActivationBytes)} (every layer's output, float32)");
        return lines;
    }

    /// <summary>The whole table, lines joined by line feeds.</summary>
    public override string ToString() => string.Join("\n", Lines());

    private static string Shorten(string op) => op.Length <= OpWidth ? op : op.Substring(0, OpWidth - 1) + "…";
}
