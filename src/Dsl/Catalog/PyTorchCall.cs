using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetDsl.Catalog;

/// <summary>
/// What an op's PyTorch emission knows of one application: its evaluated arguments, its inputs' and output's sample
/// shapes (batch excluded) and the helper classes it needs; plus Python spellings of numbers.
/// </summary>
public sealed class PyTorchCall
{
    private readonly ICollection<string> _helpers;

    public PyTorchCall(OpArguments args, Shape[] inputs, Shape output, ICollection<string> helpers)
    {
        Args = args;
        Inputs = inputs;
        Output = output;
        _helpers = helpers;
    }

    public OpArguments Args { get; }

    public Shape[] Inputs { get; }

    /// <summary>The (first) input's sample shape.</summary>
    public Shape Input => Inputs[0];

    public Shape Output { get; }

    /// <summary>Asks for a helper class of the exported file (<c>Emit/PyTorchSupport</c> holds them) and returns its name.</summary>
    public string Use(string helper)
    {
        if (!_helpers.Contains(helper)) _helpers.Add(helper);
        return helper;
    }

    /// <summary>A sample axis as PyTorch counts it, the batch first.</summary>
    public static long BatchAxis(long axis) => axis < 0 ? axis : axis + 1;

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Bool(bool value) => value ? "True" : "False";

    /// <summary>A float literal that reads back as the same double.</summary>
    public static string Float(double value)
    {
        if (double.IsPositiveInfinity(value)) return "float('inf')";
        if (double.IsNegativeInfinity(value)) return "float('-inf')";
        if (double.IsNaN(value)) return "float('nan')";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains(".") || text.Contains("E") ? text.Replace("E", "e") : text + ".0";
    }

    /// <summary><c>(h, w)</c>, or the single number when both sides are equal.</summary>
    public static string Pair((long H, long W) pair) => pair.H == pair.W ? Int(pair.H) : $"({Int(pair.H)}, {Int(pair.W)})";

    /// <summary>A Python tuple of integers: <c>(1, 2)</c>, <c>(3,)</c>.</summary>
    public static string Tuple(IEnumerable<long> values)
    {
        var items = values.Select(Int).ToArray();
        return items.Length == 1 ? $"({items[0]},)" : $"({string.Join(", ", items)})";
    }
}
