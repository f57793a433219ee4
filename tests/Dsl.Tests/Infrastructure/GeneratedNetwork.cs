using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using NetDsl.Compiler;

namespace NetDsl.DslTests.Infrastructure;

/// <summary>One layer row of a network's compile-time summary (its generated <c>Layers</c> table).</summary>
public sealed record Row(string Path, string Op, Shape Output, long Parameters, long Buffers, long MultiplyAccumulates);

/// <summary>
/// What the checker computed for a network, read back from the generated file: <c>ParameterCount</c>,
/// <c>BufferCount</c>, <c>MultiplyAccumulates</c>, <c>ActivationBytes</c>, the declared input, the output and every
/// <c>Layers</c> row.
/// </summary>
public sealed class GeneratedNetwork
{
    private static readonly Regex Header = new(@"/// Network <c>(?<name>\w+)</c> declared in [^:]+: input (?<input>\[[^\]]*\]), output (?<output>\[[^\]]*\])");
    private static readonly Regex Declaration = new(@"public const string DeclarationText = ""(?<text>(?:[^""\\]|\\.)*)"";");
    private static readonly Regex Constant = new(@"public const long (?<name>\w+) = (?<value>-?\d+);");
    private static readonly Regex LayerRow = new(@"^\s*new\(""(?<path>(?:[^""\\]|\\.)*)"", ""(?<op>(?:[^""\\]|\\.)*)"", new Shape\((?<shape>[^)]*)\), (?<params>-?\d+), (?<buffers>-?\d+), (?<macs>-?\d+)\),$", RegexOptions.Multiline);

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

    public long MultiplyAccumulates { get; private set; }

    public long ActivationBytes { get; private set; }

    public IReadOnlyList<Row> Rows { get; private set; } = new List<Row>();

    /// <summary>The declaration text the generated class embeds (<c>DeclarationText</c>).</summary>
    public string DeclarationText { get; private set; } = "";

    public Row this[string path] => Rows.Single(r => r.Path == path);

    public IReadOnlyList<string> Paths => Rows.Select(r => r.Path).ToList();

    public static GeneratedNetwork? TryParse(GeneratedSource source)
    {
        var header = Header.Match(source.Text);
        if (!header.Success) return null;
        var constants = Constant.Matches(source.Text).ToDictionary(m => m.Groups["name"].Value, m => long.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
        return new GeneratedNetwork(header.Groups["name"].Value, source.Text)
        {
            Input = ParseDeclared(header.Groups["input"].Value),
            Output = ParseDeclared(header.Groups["output"].Value, ParseDeclared(header.Groups["input"].Value)),
            ParameterCount = constants["ParameterCount"],
            BufferCount = constants["BufferCount"],
            MultiplyAccumulates = constants["MultiplyAccumulates"],
            ActivationBytes = constants["ActivationBytes"],
            DeclarationText = Unescape(Declaration.Match(source.Text).Groups["text"].Value),
            Rows = LayerRow.Matches(source.Text).Select(m => new Row(
                Unescape(m.Groups["path"].Value),
                Unescape(m.Groups["op"].Value),
                ParseCode(m.Groups["shape"].Value),
                long.Parse(m.Groups["params"].Value, CultureInfo.InvariantCulture),
                long.Parse(m.Groups["buffers"].Value, CultureInfo.InvariantCulture),
                long.Parse(m.Groups["macs"].Value, CultureInfo.InvariantCulture))).ToList(),
        };
    }

    public static Shape ParseShape(string dims) =>
        new(dims.Split(',', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries)
            .Select(d => long.Parse(d, CultureInfo.InvariantCulture)).ToArray());

    /// <summary>
    /// A shape as the header writes it: <c>[3, 8, 8]</c>, or with symbolic axes, <c>[t &amp;lt;= 64, 16]</c> (the input) or
    /// <c>[t, 10]</c> (the output, whose bounds are the input's).
    /// </summary>
    private static Shape ParseDeclared(string text, Shape? input = null)
    {
        var items = text.Trim('[', ']').Replace("&lt;", "<").Split(',', System.StringSplitOptions.RemoveEmptyEntries | System.StringSplitOptions.TrimEntries);
        var dims = new long[items.Length];
        var symbols = new string?[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var parts = items[i].Split("<=", System.StringSplitOptions.TrimEntries);
            if (long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size))
            {
                dims[i] = size;
                continue;
            }
            symbols[i] = parts[0];
            dims[i] = parts.Length == 2 ? long.Parse(parts[1], CultureInfo.InvariantCulture) : Bound(input!.Value, parts[0]);
        }
        return new Shape(dims, symbols);
    }

    private static long Bound(Shape input, string symbol) => input[Enumerable.Range(0, input.Rank).Single(axis => input.Symbol(axis) == symbol)];

    /// <summary>The arguments of a generated <c>new Shape(...)</c>: sizes, or sizes, symbols and the element kind.</summary>
    private static Shape ParseCode(string code)
    {
        if (!code.StartsWith("new long[]", System.StringComparison.Ordinal)) return ParseShape(code);
        var arrays = Regex.Matches(code, @"\{([^}]*)\}").Select(m => m.Groups[1].Value.Split(',', System.StringSplitOptions.TrimEntries)).ToList();
        var dims = arrays[0].Select(d => long.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        var symbols = arrays.Count > 1 ? arrays[1].Select(s => s == "null" ? null : s.Trim('"')).ToArray() : null;
        return new Shape(dims, symbols, code.Contains("ElementKind.Id", System.StringComparison.Ordinal) ? ElementKind.Id : ElementKind.Float);
    }

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
