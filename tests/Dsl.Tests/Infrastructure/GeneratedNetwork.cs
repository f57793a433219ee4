using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using NetDsl.Compiler;

namespace NetDsl.DslTests.Infrastructure;

/// <summary>One layer row of a network's compile-time summary (its generated <c>Layers</c> table).</summary>
public sealed record Row(string Path, string Op, Shape Output, long Parameters, long Buffers);

/// <summary>
/// What the checker computed for a network, read back from the generated file: <c>ParameterCount</c>,
/// <c>BufferCount</c>, the declared input, the output and every <c>Layers</c> row.
/// </summary>
public sealed class GeneratedNetwork
{
    private static readonly Regex Header = new(@"/// Network <c>(?<name>\w+)</c> declared in [^:]+: input (?<input>\[[\d, ]*\]), output (?<output>\[[\d, ]*\])");
    private static readonly Regex Constant = new(@"public const long (?<name>\w+) = (?<value>-?\d+);");
    private static readonly Regex LayerRow = new(@"^\s*new\(""(?<path>(?:[^""\\]|\\.)*)"", ""(?<op>(?:[^""\\]|\\.)*)"", new Shape\((?<shape>[^)]*)\), (?<params>-?\d+), (?<buffers>-?\d+)\),$", RegexOptions.Multiline);

    private GeneratedNetwork(string name, string text)
    {
        Name = name;
        Text = text;
    }

    public string Name { get; }

    /// <summary>The generated C# file.</summary>
    public string Text { get; }

    public Shape Input { get; private set; }

    public Shape Output { get; private set; }

    public long ParameterCount { get; private set; }

    public long BufferCount { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = new List<Row>();

    public Row this[string path] => Rows.Single(r => r.Path == path);

    public IReadOnlyList<string> Paths => Rows.Select(r => r.Path).ToList();

    public static GeneratedNetwork? TryParse(GeneratedSource source)
    {
        var header = Header.Match(source.Text);
        if (!header.Success) return null;
        var constants = Constant.Matches(source.Text).ToDictionary(m => m.Groups["name"].Value, m => long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
        return new GeneratedNetwork(header.Groups["name"].Value, source.Text)
        {
            Input = ParseShape(header.Groups["input"].Value.Trim('[', ']')),
            Output = ParseShape(header.Groups["output"].Value.Trim('[', ']')),
            ParameterCount = constants["ParameterCount"],
            BufferCount = constants["BufferCount"],
            Rows = LayerRow.Matches(source.Text).Select(m => new Row(
                Unescape(m.Groups["path"].Value),
                Unescape(m.Groups["op"].Value),
                ParseShape(m.Groups["shape"].Value),
                long.Parse(m.Groups["params"].Value, CultureInfo.InvariantCulture),
                long.Parse(m.Groups["buffers"].Value, CultureInfo.InvariantCulture))).ToList(),
        };
    }

    public static Shape ParseShape(string dims) =>
        new(dims.Split(',', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d, CultureInfo.InvariantCulture)).ToArray());

    private static string Unescape(string literal)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < literal.Length; i++)
        {
            if (literal[i] == '\\' && i + 1 < literal.Length)
            {
                i++;
                builder.Append(literal[i] == 'n' ? '\n' : literal[i]);
            }
            else builder.Append(literal[i]);
        }
        return builder.ToString();
    }
}

public static class ShapeExtensions
{
    public static Shape S(params long[] dims) => new(dims);
}
